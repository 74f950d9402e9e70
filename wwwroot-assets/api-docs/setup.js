// Loaded before Scalar on /api/docs. Scalar validates with Zod, which probes for eval
// (`Function('')`) to compile its checks; our CSP forbids eval, so the probe would be reported
// as a violation before Zod falls back. Telling Zod up front to run without compiling avoids the
// probe; validation works the same.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig ?? {}, { jitless: true });
