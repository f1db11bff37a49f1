/* Data files of the writing tools (draft check, 提法 bank, shared passages): scripts that call
 * StaticData.loaded(path, data), so that they load from file:// too. load(path) resolves once, however often asked. */
(function () {
  "use strict";

  const files = new Map();

  function siteRoot() {
    const config = document.getElementById("__config");
    const base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  function entry(path) {
    if (!files.has(path)) {
      let resolve, reject;
      const promise = new Promise((yes, no) => { resolve = yes; reject = no; });
      files.set(path, { promise, resolve, reject, started: false });
    }
    return files.get(path);
  }

  function load(path) {
    const file = entry(path);
    if (!file.started) {
      file.started = true;
      const script = document.createElement("script");
      script.src = new URL(path + ".js", siteRoot()).href;
      script.onerror = () => file.reject(new Error(path + ".js"));
      script.onload = () => script.remove();
      document.head.appendChild(script);
    }
    return file.promise;
  }

  function loaded(path, data) { entry(path).resolve(data); }

  function onReady(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn); else fn();
  }

  window.StaticData = { load, loaded, siteRoot, onReady };
})();
