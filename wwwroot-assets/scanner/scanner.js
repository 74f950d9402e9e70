// The phone scanner (issue 7 item 4): works without a Blazor circuit and without network.
// Each scan gets its scan id when it is made and waits in localStorage until the portal answered
// created or replayed, so a retry (same id) never makes a second scan (DESIGN §6).

const store = {
    key: 'ps.scanner.key',
    who: 'ps.scanner.scannedBy',
    device: 'ps.scanner.device',
    scans: 'ps.scanner.scans',
    qualifications: 'ps.scanner.qualifications',
    cards: 'ps.scanner.cards',
};
const keepSent = 50; // sent scans kept in the recent list; waiting ones are never dropped
const batchSize = 100;
const cameraDebounceMs = 3000;
const maxBackoffMs = 60000;

const $ = id => document.getElementById(id);
const root = $('scanner');
const texts = JSON.parse($('sc-texts').textContent);
const t = (key, ...args) => (texts[key] ?? key).replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));
const lang = document.documentElement.lang || 'en';

const read = (name, fallback) => {
    try {
        return JSON.parse(localStorage.getItem(name)) ?? fallback;
    } catch {
        return fallback;
    }
};
const write = (name, value) => localStorage.setItem(name, JSON.stringify(value));

let key = localStorage.getItem(store.key);
let device = read(store.device, null);
let flushing = false;
let retryTimer = 0;
let backoffMs = 2000;
let lastCamera = { code: '', at: 0 };
let stream = null;
let sheetLead = null;

// ---- the device key -------------------------------------------------------------------------

function takeKeyFromFragment() {
    const match = /(?:^#|&)key=([^&]+)/.exec(location.hash);
    if (match) {
        key = decodeURIComponent(match[1]).trim();
        localStorage.setItem(store.key, key);
        // The key must not stay in the address bar, the history or a screenshot.
        history.replaceState(null, '', location.pathname + location.search);
    }
}

function api(path, options = {}) {
    return fetch(path, {
        ...options,
        headers: { Authorization: `Bearer ${key}`, Accept: 'application/json', ...(options.headers ?? {}) },
        cache: 'no-store',
    });
}

async function loadDevice() {
    try {
        const response = await api('/api/v1/device');
        if (response.status === 401) {
            return 'invalid';
        }
        if (response.ok) {
            device = await response.json();
            write(store.device, device);
            return 'ok';
        }
    } catch {
        // offline: use what the phone knew
    }
    return device ? 'ok' : 'unreachable';
}

function showKeyForm(error) {
    $('sc-ready').hidden = true;
    $('sc-key').hidden = false;
    const box = $('sc-key-error');
    box.hidden = !error;
    box.textContent = error ?? '';
    $('sc-partner').textContent = '';
}

async function start() {
    if (!key) {
        showKeyForm();
        return;
    }
    const state = await loadDevice();
    if (state !== 'ok') {
        showKeyForm(t(state === 'invalid' ? 'Scanner.Key.Invalid' : 'Scanner.Key.Unreachable'));
        return;
    }
    $('sc-key').hidden = true;
    $('sc-ready').hidden = false;
    $('sc-partner').textContent = `· ${device.partner.name}`;
    fillTeam();
    render();
    flushSoon();
    flushQualifications();
}

$('sc-key-form').addEventListener('submit', async e => {
    e.preventDefault();
    const value = $('sc-key-input').value.trim();
    if (!value.startsWith('psk_')) {
        showKeyForm(t('Scanner.Key.Required'));
        return;
    }
    key = value;
    device = null;
    localStorage.setItem(store.key, key);
    localStorage.removeItem(store.device);
    await start();
});

$('sc-forget').addEventListener('click', () => {
    const waiting = scans().filter(s => s.status === 'waiting').length;
    if (!confirm(waiting > 0 ? t('Scanner.Forget.ConfirmWaiting', waiting) : t('Scanner.Forget.Confirm'))) {
        return;
    }
    stopCamera();
    Object.values(store).forEach(name => localStorage.removeItem(name));
    key = null;
    device = null;
    $('sc-key-input').value = '';
    render();
    showKeyForm();
});

// ---- who scans ------------------------------------------------------------------------------

function fillTeam() {
    const select = $('sc-who');
    const remembered = localStorage.getItem(store.who) ?? '';
    select.length = 1;
    for (const member of device.team) {
        select.add(new Option(member.name, member.email));
    }
    select.add(new Option(t('Scanner.ScannedBy.Other'), '*'));
    const known = device.team.some(m => m.email.toLowerCase() === remembered.toLowerCase());
    select.value = known ? device.team.find(m => m.email.toLowerCase() === remembered.toLowerCase()).email : remembered ? '*' : '';
    $('sc-who-email').value = known ? '' : remembered;
    $('sc-who-other').hidden = select.value !== '*';
}

function scannedBy() {
    const choice = $('sc-who').value;
    const email = (choice === '*' ? $('sc-who-email').value : choice).trim();
    const ok = /^[^\s@]+@[^\s@]+$/.test(email);
    $('sc-who-error').hidden = ok;
    return ok ? email : null;
}

$('sc-who').addEventListener('change', () => {
    $('sc-who-other').hidden = $('sc-who').value !== '*';
    if ($('sc-who').value === '*') {
        $('sc-who-email').focus();
    } else if ($('sc-who').value) {
        localStorage.setItem(store.who, $('sc-who').value);
        $('sc-who-error').hidden = true;
    }
});
$('sc-who-email').addEventListener('change', () => {
    const email = scannedBy();
    if (email) {
        localStorage.setItem(store.who, email);
    }
});

// ---- scans and their queue ------------------------------------------------------------------

const scans = () => read(store.scans, []);

function saveScans(list) {
    const sent = list.filter(s => s.status !== 'waiting');
    const drop = new Set(sent.slice(keepSent).map(s => s.scanId));
    write(store.scans, list.filter(s => !drop.has(s.scanId)));
}

function addScan(code) {
    const who = scannedBy();
    if (!who) {
        $('sc-who').focus();
        return false;
    }
    const scan = {
        scanId: crypto.randomUUID(),
        badgeCode: code,
        scannedAt: new Date().toISOString(),
        scannedBy: who,
        status: 'waiting',
    };
    saveScans([scan, ...scans()]);
    render();
    flushSoon();
    return true;
}

$('sc-badge-form').addEventListener('submit', e => {
    e.preventDefault();
    const input = $('sc-badge');
    const code = input.value.trim();
    if (code && addScan(code)) {
        input.value = '';
        input.focus();
    }
});

function flushSoon(delay = 0) {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(flush, delay);
}

function retryLater() {
    setNetwork(false);
    flushSoon(backoffMs);
    backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
}

async function flush() {
    if (flushing || !key) {
        return;
    }
    const batch = scans().filter(s => s.status === 'waiting').slice(0, batchSize);
    if (batch.length === 0) {
        return;
    }
    if (!navigator.onLine) {
        retryLater();
        return;
    }
    flushing = true;
    let answer = null;
    try {
        const response = await api('/api/v1/scans/batch', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ scans: batch.map(({ scanId, badgeCode, scannedAt, scannedBy }) => ({ scanId, badgeCode, scannedAt, scannedBy })) }),
        });
        if (response.status === 401) {
            showKeyForm(t('Scanner.Key.Invalid'));
            return;
        }
        if (response.ok) {
            answer = await response.json();
        }
    } catch {
        answer = null;
    } finally {
        flushing = false;
    }
    if (!answer) {
        retryLater();
        return;
    }

    setNetwork(true);
    backoffMs = 2000;
    const results = new Map(answer.results.map(r => [String(r.scanId ?? '').toLowerCase(), r]));
    const list = scans();
    const toLoad = [];
    for (const scan of list) {
        const result = results.get(scan.scanId);
        if (!result || scan.status !== 'waiting') {
            continue;
        }
        if (result.status === 'created' || result.status === 'replayed') {
            scan.status = 'sent';
            scan.leadId = result.leadId ?? null;
            if (scan.leadId) {
                toLoad.push(scan.leadId);
            }
        } else {
            // Sending it again would get the same answer: show it, never retry it.
            scan.status = 'error';
            scan.error = result.status === 'conflict'
                ? t('Scanner.Error.Conflict')
                : `${t('Scanner.Error.Invalid')}: ${Object.values(result.errors ?? {}).flat().join(' ')}`;
        }
    }
    saveScans(list);
    render();
    await Promise.all([...new Set(toLoad)].map(loadCard));
    render();
    if (list.some(s => s.status === 'waiting')) {
        flushSoon();
    }
}

// A lead's card (name, company, qualification) kept on the phone for the list and offline editing.
const cards = () => read(store.cards, {});

async function loadCard(leadId) {
    try {
        const response = await api(`/api/v1/leads/${leadId}`);
        if (response.ok) {
            const card = await response.json();
            const all = cards();
            all[leadId] = card;
            const keep = new Set(scans().map(s => s.leadId).filter(Boolean));
            write(store.cards, Object.fromEntries(Object.entries(all).filter(([id]) => keep.has(id))));
            return card;
        }
    } catch {
        // offline: the list shows what it knew
    }
    return cards()[leadId] ?? null;
}

function setNetwork(online) {
    const net = $('sc-net');
    net.textContent = t(online ? 'Scanner.Online' : 'Scanner.Offline');
    net.classList.toggle('sc-off', !online);
}

window.addEventListener('online', () => {
    setNetwork(true);
    backoffMs = 2000;
    flushSoon();
    flushQualifications();
});
window.addEventListener('offline', () => setNetwork(false));
document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
        flushSoon();
    }
});

// ---- the recent list ------------------------------------------------------------------------

function formatTime(iso) {
    try {
        return new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone: device?.event?.timeZone }).format(new Date(iso));
    } catch {
        return new Date(iso).toLocaleTimeString(lang, { timeStyle: 'short' });
    }
}

function render() {
    const list = scans();
    const waiting = list.filter(s => s.status === 'waiting').length;
    const counter = $('sc-waiting');
    counter.textContent = waiting > 0 ? t('Scanner.Waiting', waiting) : t('Scanner.AllSent');
    counter.classList.toggle('sc-has-waiting', waiting > 0);
    $('sc-empty').hidden = list.length > 0;

    const known = cards();
    const pending = new Set(read(store.qualifications, []).map(q => q.leadId));
    const ul = $('sc-list');
    ul.replaceChildren(...list.map(scan => {
        const li = document.createElement('li');
        li.className = `sc-row sc-${scan.status}`;
        li.dataset.testid = 'scanner-scan';
        li.dataset.status = scan.status;
        li.dataset.badge = scan.badgeCode;

        const card = scan.leadId ? known[scan.leadId] : null;
        const main = document.createElement(scan.status === 'sent' && scan.leadId ? 'button' : 'div');
        main.className = 'sc-row-main';
        if (main.tagName === 'BUTTON') {
            main.type = 'button';
            main.setAttribute('aria-label', `${t('Scanner.Qualify')}: ${card ? `${card.firstName} ${card.lastName}` : scan.badgeCode}`);
            main.addEventListener('click', () => openSheet(scan.leadId));
        }
        const name = document.createElement('span');
        name.className = 'sc-name';
        name.dataset.testid = 'scanner-scan-name';
        const detail = document.createElement('span');
        detail.className = 'sc-detail';
        if (card) {
            name.textContent = `${card.firstName} ${card.lastName}`;
            detail.textContent = [card.company, scan.badgeCode].filter(Boolean).join(' · ');
        } else if (scan.status === 'sent' && !scan.leadId) {
            name.textContent = t('Scanner.Unknown');
            detail.textContent = scan.badgeCode;
        } else {
            name.textContent = scan.badgeCode;
            detail.textContent = scan.status === 'sent' ? t('Scanner.Loading') : '';
        }
        main.append(name, detail);
        if (scan.error) {
            const error = document.createElement('span');
            error.className = 'sc-row-error';
            error.textContent = scan.error;
            main.append(error);
        }

        const side = document.createElement('span');
        side.className = 'sc-side';
        const status = document.createElement('span');
        status.className = 'sc-chip';
        status.dataset.testid = 'scanner-scan-status';
        status.textContent = t(`Scanner.Status.${scan.status[0].toUpperCase()}${scan.status.slice(1)}`);
        const time = document.createElement('time');
        time.dateTime = scan.scannedAt;
        time.textContent = formatTime(scan.scannedAt);
        side.append(status, time);
        if (card && (card.qualification.rating !== 'none' || pending.has(scan.leadId))) {
            const rating = document.createElement('span');
            rating.className = `sc-chip sc-rating-${card.qualification.rating}`;
            rating.textContent = card.qualification.rating !== 'none'
                ? t(`Scanner.Rating.${card.qualification.rating[0].toUpperCase()}${card.qualification.rating.slice(1)}`)
                : t('Scanner.Qualified');
            side.append(rating);
        }
        li.append(main, side);
        return li;
    }));
}

// ---- the camera -----------------------------------------------------------------------------

async function setUpCamera() {
    const supported = 'BarcodeDetector' in window && navigator.mediaDevices?.getUserMedia;
    $('sc-camera-toggle').hidden = !supported;
    $('sc-camera-note').hidden = !!supported;
}

async function startCamera() {
    const button = $('sc-camera-toggle');
    try {
        const wanted = ['qr_code', 'code_128', 'code_39', 'ean_13', 'ean_8', 'pdf417', 'data_matrix', 'aztec', 'itf', 'upc_a'];
        const formats = (await BarcodeDetector.getSupportedFormats()).filter(f => wanted.includes(f));
        const detector = new BarcodeDetector(formats.length ? { formats } : undefined);
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        const video = $('sc-video');
        video.srcObject = stream;
        video.hidden = false;
        await video.play();
        button.textContent = t('Scanner.Camera.Stop');
        const tick = async () => {
            if (!stream) {
                return;
            }
            try {
                const found = await detector.detect(video);
                const code = found[0]?.rawValue?.trim();
                const now = Date.now();
                // One badge held in front of the camera is one scan, not one per frame.
                if (code && !(code === lastCamera.code && now - lastCamera.at < cameraDebounceMs)) {
                    if (addScan(code)) {
                        navigator.vibrate?.(80);
                    }
                }
                if (code) {
                    lastCamera = { code, at: now };
                }
            } catch {
                // a frame the detector could not read
            }
            setTimeout(tick, 200);
        };
        tick();
    } catch {
        stopCamera();
        const note = $('sc-camera-note');
        note.textContent = t('Scanner.Camera.Denied');
        note.hidden = false;
    }
}

function stopCamera() {
    stream?.getTracks().forEach(track => track.stop());
    stream = null;
    const video = $('sc-video');
    video.srcObject = null;
    video.hidden = true;
    $('sc-camera-toggle').textContent = t('Scanner.Camera.Start');
}

$('sc-camera-toggle').addEventListener('click', () => (stream ? stopCamera() : startCamera()));

// ---- qualification --------------------------------------------------------------------------

function sheetError(message, fields = {}) {
    const box = $('sc-sheet-error');
    box.hidden = !message;
    box.textContent = message ?? '';
    for (const p of document.querySelectorAll('#sc-sheet-form [data-field]')) {
        const text = fields[p.dataset.field];
        p.hidden = !text;
        p.textContent = text ? text.join(' ') : '';
    }
}

function fillSheet(card) {
    $('sc-sheet-title').textContent = `${card.firstName} ${card.lastName}`;
    $('sc-sheet-company').textContent = [card.company, card.email].filter(Boolean).join(' · ');
    const q = card.qualification;
    const form = $('sc-sheet-form');
    form.elements.rating.value = q.rating;
    $('sc-followup').value = q.followUp;
    $('sc-notes').value = q.notes ?? '';
    $('sc-tags').value = q.tags.join(', ');
    const box = $('sc-questions');
    box.replaceChildren(...(device.questions ?? []).map(question => {
        const wrap = document.createElement('div');
        wrap.className = 'sc-form';
        const id = `sc-q-${question.id}`;
        const label = document.createElement('label');
        label.htmlFor = id;
        label.textContent = question.label;
        let input;
        if (question.kind === 'text') {
            input = document.createElement('input');
            input.maxLength = 1000;
        } else {
            input = document.createElement('select');
            input.add(new Option(t('Scanner.Answer.None'), ''));
            const options = question.kind === 'yesNo'
                ? [['yes', t('Scanner.Answer.Yes')], ['no', t('Scanner.Answer.No')]]
                : question.options.map(o => [o, o]);
            options.forEach(([value, text]) => input.add(new Option(text, value)));
        }
        input.id = id;
        input.dataset.question = question.id;
        input.value = q.answers[question.id] ?? '';
        const error = document.createElement('p');
        error.className = 'sc-error';
        error.dataset.field = `answers.${question.id}`;
        error.setAttribute('role', 'alert');
        error.hidden = true;
        wrap.append(label, input, error);
        return wrap;
    }));
}

async function openSheet(leadId) {
    sheetLead = leadId;
    let card = cards()[leadId];
    const fresh = navigator.onLine ? await loadCard(leadId) : null;
    card = fresh ?? card;
    if (!card) {
        return;
    }
    // A change still waiting on this phone is what the user last saw.
    const queued = read(store.qualifications, []).find(q => q.leadId === leadId);
    if (queued) {
        card = { ...card, qualification: { ...card.qualification, ...queued.body, tags: queued.body.tags } };
    }
    fillSheet(card);
    sheetError(fresh ? null : t('Scanner.Qualify.Offline'));
    $('sc-sheet').showModal();
}

function sheetBody() {
    const card = cards()[sheetLead];
    const answers = {};
    for (const input of document.querySelectorAll('#sc-questions [data-question]')) {
        answers[input.dataset.question] = input.value;
    }
    return {
        rating: $('sc-sheet-form').elements.rating.value || 'none',
        followUp: $('sc-followup').value,
        notes: $('sc-notes').value,
        tags: $('sc-tags').value.split(',').map(s => s.trim()).filter(Boolean),
        ownerPersonId: card?.qualification.ownerPersonId ?? null,
        answers,
        version: card?.qualification.version ?? null,
    };
}

async function sendQualification(leadId, body) {
    try {
        const response = await api(`/api/v1/leads/${leadId}/qualification`, {
            method: 'PATCH',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ ...body, qualifiedBy: scannedBy() ?? localStorage.getItem(store.who) }),
        });
        if (response.ok) {
            const card = await response.json();
            const all = cards();
            all[leadId] = card;
            write(store.cards, all);
            return { ok: true };
        }
        if (response.status === 401 || response.status >= 500 || response.status === 429) {
            return { retry: true };
        }
        const problem = await response.json().catch(() => ({}));
        return { status: response.status, problem };
    } catch {
        return { retry: true };
    }
}

function queueQualification(leadId, body) {
    const queue = read(store.qualifications, []).filter(q => q.leadId !== leadId);
    write(store.qualifications, [...queue, { leadId, body }]);
}

async function flushQualifications() {
    for (const { leadId, body } of read(store.qualifications, [])) {
        const result = await sendQualification(leadId, body);
        if (result.retry) {
            return;
        }
        write(store.qualifications, read(store.qualifications, []).filter(q => q.leadId !== leadId));
        if (!result.ok) {
            // Refused (changed meanwhile, or invalid): say so on the scan, do not retry forever.
            const list = scans();
            list.filter(s => s.leadId === leadId).forEach(s => {
                s.error = `${t('Scanner.Qualify.Failed')}: ${result.problem?.title ?? result.status}`;
            });
            saveScans(list);
            await loadCard(leadId);
        }
    }
    render();
}

$('sc-sheet-cancel').addEventListener('click', () => $('sc-sheet').close());

$('sc-sheet-form').addEventListener('submit', async e => {
    e.preventDefault();
    const leadId = sheetLead;
    const body = sheetBody();
    $('sc-sheet-save').disabled = true;
    const result = await sendQualification(leadId, body);
    $('sc-sheet-save').disabled = false;
    if (result.ok) {
        $('sc-sheet').close();
        render();
        return;
    }
    if (result.retry) {
        queueQualification(leadId, body);
        $('sc-sheet').close();
        render();
        return;
    }
    if (result.status === 409) {
        // Keep nothing stale: show the lead as it is now; the user re-applies their change.
        const card = await loadCard(leadId);
        if (card) {
            fillSheet(card);
        }
        sheetError(t('Scanner.Qualify.Conflict'));
        return;
    }
    // 400: the form keeps what was typed and shows each field's message.
    sheetError(result.problem?.title ?? t('Scanner.Qualify.Failed'), result.problem?.errors ?? {});
});

// ---- offline loading ------------------------------------------------------------------------

if ('serviceWorker' in navigator && root.dataset.sw) {
    navigator.serviceWorker.register(root.dataset.sw, { scope: '/scan' }).catch(() => {
        // without it the page still works; it only cannot reload offline
    });
}

takeKeyFromFragment();
setNetwork(navigator.onLine);
setUpCamera();
render();
await start();
root.dataset.ready = 'true';
