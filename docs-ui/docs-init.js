// Starts Swagger UI on the /docs page. Kept out of index.html so that the page can be served with
// Content-Security-Policy script-src 'self' (no inline script).
//
// The page is <origin><base>/docs (or <base>/docs/ if a server prefers that), so the API's root is
// <origin><base>/: the spec is <root>openapi.yaml, and "Try it out" is sent to <root> whatever the spec's
// `servers` says (the spec names http://localhost:8080 when there is no BASE_PATH, which is wrong on any
// other host or port).
(function () {
  "use strict";
  var root = new URL(window.location.pathname.replace(/\/docs\/?$/, "/"), window.location.origin);
  var server = root.href.replace(/\/$/, "");           // <origin><base>, as OpenAPI spells a server

  // Swagger UI parses YAML with js-yaml's JSON_SCHEMA, which has no merge keys: openapi.yaml's
  // `<<: *commonHeaders` would show as one header named "<<". This applies them as YAML 1.1 does: the
  // mapping's own keys win, then the merged mappings in the order given. Aliases stay shared.
  function applyMergeKeys(value, done) {
    if (!value || typeof value !== "object") return value;
    if (done.has(value)) return done.get(value);
    if (Array.isArray(value)) {
      var list = [];
      done.set(value, list);
      value.forEach(function (item) { list.push(applyMergeKeys(item, done)); });
      return list;
    }
    var out = {};
    done.set(value, out);
    if (Object.prototype.hasOwnProperty.call(value, "<<")) {
      var sources = [].concat(value["<<"]);
      for (var i = sources.length - 1; i >= 0; i--) {
        var source = applyMergeKeys(sources[i], done);
        if (source && typeof source === "object" && !Array.isArray(source)) Object.assign(out, source);
      }
    }
    Object.keys(value).forEach(function (key) {
      if (key !== "<<") out[key] = applyMergeKeys(value[key], done);
    });
    return out;
  }

  // As soon as the spec is parsed, before it is resolved: merge keys applied, and its servers replaced
  // with this one.
  function ThisServer() {
    return {
      statePlugins: {
        spec: {
          wrapActions: {
            updateJsonSpec: function (original) {
              return function (spec) {
                if (spec && typeof spec === "object" && spec.openapi) {
                  spec = applyMergeKeys(spec, new Map());
                  spec.servers = [{ url: server, description: "This server" }];
                }
                return original(spec);
              };
            }
          }
        }
      }
    };
  }

  window.ui = SwaggerUIBundle({
    url: new URL("openapi.yaml", root).href,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],   // no standalone preset: no top bar to load other specs
    plugins: [ThisServer],
    layout: "BaseLayout",
    deepLinking: true,                         // #/tag/operationId links
    validatorUrl: null,                        // never ask validator.swagger.io for a badge
    queryConfigEnabled: false,                 // ignore ?url= and ?configUrl= (the default; stated)
    displayRequestDuration: true
  });
})();
