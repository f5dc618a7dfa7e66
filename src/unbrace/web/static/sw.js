/* unbrace service worker, version __VERSION__.
   - Pages: network first, a saved copy when offline, so an opened page keeps working.
   - Static files: the saved copy first, refreshed in the background.
   - Session progress, session finish and check-in posts made while offline are kept in
     IndexedDB (the "outbox") and sent in order when the connection returns. */
"use strict";

var VERSION = "__VERSION__";
var CACHE = "unbrace-" + VERSION;
var SHELL = [
  "/offline",
  "/static/app.css?v=" + VERSION,
  "/static/app.js?v=" + VERSION,
  "/static/player.js?v=" + VERSION,
  "/static/checkin.js?v=" + VERSION,
  "/static/coach.js?v=" + VERSION,
  "/static/practices.js?v=" + VERSION,
  "/static/settings.js?v=" + VERSION,
  "/static/icon.svg",
  "/static/manifest.webmanifest",
];
var QUEUED = [
  /^\/api\/v1\/sessions\/\d+\/progress$/,
  /^\/api\/v1\/sessions\/\d+\/finish$/,
  /^\/api\/v1\/checkins$/,
];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(function (cache) {
        return cache.addAll(SHELL);
      })
      .then(function () {
        return self.skipWaiting();
      })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (names) {
        return Promise.all(
          names
            .filter(function (name) {
              return name.indexOf("unbrace-") === 0 && name !== CACHE;
            })
            .map(function (name) {
              return caches.delete(name);
            })
        );
      })
      .then(function () {
        return self.clients.claim();
      })
      .then(replay)
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && QUEUED.some(function (re) { return re.test(url.pathname); })) {
    event.respondWith(sendOrQueue(request));
    return;
  }
  if (request.method !== "GET") return;
  if (url.pathname.indexOf("/api/") === 0 || url.pathname === "/sw.js") return;
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(request));
  }
});

self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "replay") {
    event.waitUntil(replay());
  }
});

self.addEventListener("sync", function (event) {
  if (event.tag === "outbox") event.waitUntil(replay());
});

function networkFirst(request) {
  return fetch(request)
    .then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) {
          cache.put(request, copy);
        });
      }
      replay();
      return response;
    })
    .catch(function () {
      return caches.match(request).then(function (saved) {
        return saved || caches.match("/offline");
      });
    });
}

function cacheFirst(request) {
  return caches.match(request).then(function (saved) {
    var fresh = fetch(request)
      .then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) {
            cache.put(request, copy);
          });
        }
        return response;
      })
      .catch(function () {
        return saved;
      });
    return saved || fresh;
  });
}

/* --- the outbox ------------------------------------------------------------------------ */

function openOutbox() {
  return new Promise(function (resolve, reject) {
    var open = indexedDB.open("unbrace", 1);
    open.onupgradeneeded = function () {
      open.result.createObjectStore("outbox", { keyPath: "id", autoIncrement: true });
    };
    open.onsuccess = function () {
      resolve(open.result);
    };
    open.onerror = function () {
      reject(open.error);
    };
  });
}

function withStore(mode, work) {
  return openOutbox().then(function (db) {
    return new Promise(function (resolve, reject) {
      var tx = db.transaction("outbox", mode);
      var result = work(tx.objectStore("outbox"));
      tx.oncomplete = function () {
        db.close();
        resolve(result && "result" in result ? result.result : undefined);
      };
      tx.onerror = function () {
        db.close();
        reject(tx.error);
      };
    });
  });
}

function tell(message) {
  return self.clients.matchAll({ includeUncontrolled: true }).then(function (clients) {
    clients.forEach(function (client) {
      client.postMessage(message);
    });
  });
}

function sendOrQueue(request) {
  var copy = request.clone();
  return fetch(request).catch(function () {
    return copy.text().then(function (body) {
      var item = {
        url: copy.url,
        body: body,
        type: copy.headers.get("Content-Type") || "application/json",
        at: Date.now(),
      };
      return withStore("readwrite", function (store) {
        return store.add(item);
      }).then(function () {
        if (self.registration.sync) {
          self.registration.sync.register("outbox").catch(function () {});
        }
        tell({ type: "queued" });
        return new Response(JSON.stringify({ queued: true }), {
          status: 202,
          headers: { "Content-Type": "application/json" },
        });
      });
    });
  });
}

var replaying = null;

function replay() {
  if (replaying) return replaying;
  replaying = withStore("readonly", function (store) {
    return store.getAll();
  })
    .then(function (items) {
      if (!items || !items.length) return;
      return items
        .reduce(function (previous, item) {
          return previous.then(function (carryOn) {
            if (!carryOn) return false;
            return fetch(item.url, {
              method: "POST",
              headers: { "Content-Type": item.type },
              body: item.body,
              credentials: "same-origin",
            })
              .then(function (response) {
                if (response.status >= 500) return false;
                // Sent (or refused for good, like a check-in for a day that has one): done.
                return withStore("readwrite", function (store) {
                  return store.delete(item.id);
                }).then(function () {
                  return true;
                });
              })
              .catch(function () {
                return false;
              });
          });
        }, Promise.resolve(true))
        .then(function () {
          return withStore("readonly", function (store) {
            return store.count();
          });
        })
        .then(function (left) {
          tell({ type: "synced", left: left });
        });
    })
    .catch(function () {})
    .then(function () {
      replaying = null;
    });
  return replaying;
}
