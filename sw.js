// The service worker: keeps one complete version of the app (every file of one
// build) in the browser, so the app opens and works with the network gone, and a
// new version never mixes with the old one's files.
//
// This file is a template: scripts/finish-dist.mjs writes dist/sw.js from it with
// BUILD filled in (the build's version and files). A new build changes BUILD, so
// the browser sees a new service worker, installs it beside the old one (a cache of
// its own) and keeps it waiting until the page's user chooses "Tải lại"; the page
// then sends "skip-waiting", this version takes over, and the old cache is removed.
const BUILD = null; // replaced by scripts/finish-dist.mjs

const PREFIX = 'kehoach-';
const CACHE = BUILD && PREFIX + BUILD.version;

self.addEventListener('install', (event) => {
  if (!BUILD) throw new Error('sw.js was not finished by scripts/finish-dist.mjs');
  // cache: 'reload' skips the HTTP cache: the files are this build's, from the server.
  event.waitUntil(caches.open(CACHE).then((cache) =>
    cache.addAll(BUILD.files.map((file) => new Request(file, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    // The first version takes the page that installed it, so it works offline at
    // once; a later version is only activated when that page asked for it.
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const scope = new URL(self.registration.scope);
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Any page of the folder is the app: a navigation gets this version's page.
    const key = request.mode === 'navigate' ? 'index.html' : request;
    const hit = await cache.match(key, { ignoreSearch: true });
    return hit ?? fetch(request);
  })());
});
