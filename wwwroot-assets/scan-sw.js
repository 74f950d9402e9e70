// Service worker of the phone scanner (/scan): keeps the page and its assets so the scanner
// reloads without network. It sits at the root because a worker's scope cannot be above its
// own folder, and /scan must be in scope. API calls are never cached: scans queue in the page.
const cacheName = 'ps-scanner-v1';

self.addEventListener('install', event => {
    event.waitUntil(caches.open(cacheName).then(cache => cache.add('/scan')).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
    event.waitUntil(caches.keys()
        .then(names => Promise.all(names.filter(n => n.startsWith('ps-scanner-') && n !== cacheName).map(n => caches.delete(n))))
        .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
    const request = event.request;
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/_blazor')) {
        return;
    }

    // Network first, so a new version shows as soon as the network is there; the cache otherwise.
    const key = request.mode === 'navigate' ? '/scan' : request;
    event.respondWith(fetch(request)
        .then(response => {
            if (response.ok) {
                const copy = response.clone();
                caches.open(cacheName).then(cache => cache.put(key, copy));
            }
            return response;
        })
        .catch(() => caches.match(key).then(hit => hit ?? Response.error())));
});
