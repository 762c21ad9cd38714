/*
 * Corridor Atlas map: draws the atlas's layers on a Leaflet map and applies the page's state.
 *
 * Written by hand for geo/draw (see geo/draw/__init__.py); served by Streamlit from static/map/.
 *
 * The map script that streamlit-folium runs once per data version calls
 *     AtlasMap.create(map, config)
 * where config names the map's parts (meta: the look and the legend; outlines, routes, sites:
 * GeoJSON FeatureCollections), each either inline or as the URL of a content-hashed static file
 * that the browser fetches once and keeps (geo/draw/files.py). Every Streamlit rerun then sends
 * only a small state (geo/draw/state.py, st_folium's feature group) that calls
 *     AtlasMap.apply(state)
 * state = {
 *   version:  the data version of the parts it refers to (a state for another one is ignored),
 *   shown:    null (every feature drawn) or base64 of one bit per feature, 1 = drawn,
 *   classes:  null or {bits, codes, names}: base64 of `bits` bits per feature, the class of
 *             feature i being names[code i] ("" = the plain look); meta.classes[name] holds the
 *             Leaflet path options a class adds,
 *   selected: the id of the feature drawn over the others (thick on a casing, or a big icon),
 *   frame:    {bounds: [[s, w], [n, e]], options: {padding, maxZoom}} or {center, zoom}: the view
 *             to show; fitted when it differs from the last one fitted, and fitted again when
 *             the map is resized before the reader has moved it.
 * }
 * Features are numbered in the order of the parts: the routes, then the sites.
 *
 * A click on a route or a site is reported to Streamlit at once (streamlit-folium would wait
 * 250 ms) as {last_active_drawing: the feature as GeoJSON, clicks: n}.
 */
(function () {
  "use strict";

  var atlas = null; // one map per frame (streamlit-folium's iframe)
  var pending = null; // a state applied before the map was created

  function fetchJson(source) {
    if (typeof source !== "string") {
      return Promise.resolve(source);
    }
    return fetch(source).then(function (response) {
      if (!response.ok) {
        throw new Error(source + ": HTTP " + response.status);
      }
      return response.json();
    });
  }

  /* `count` codes of `bits` bits each (1, 2, 4 or 8), packed from the most significant bit of
     each byte (numpy.packbits' order), from base64. */
  function decodeCodes(text, bits, count) {
    var raw = atob(text);
    var out = new Uint8Array(count);
    var mask = (1 << bits) - 1;
    for (var i = 0; i < count; i++) {
      var bit = i * bits;
      var byte = bit >> 3 < raw.length ? raw.charCodeAt(bit >> 3) : 0;
      out[i] = (byte >> (8 - bits - (bit & 7))) & mask;
    }
    return out;
  }

  function Atlas(map, config) {
    var self = this;
    this.map = map;
    this.config = config;
    this.version = config.version;
    this.offsets = {routes: 0, sites: config.counts[0]};
    this.count = config.counts[0] + config.counts[1];
    this.features = new Array(this.count); // {layer, group, on, cls}
    this.byId = {};
    this.meta = null;
    this.state = {shown: null, classes: null, selected: null, frame: null};
    this.shown = null;
    this.classes = null;
    this.clicks = 0;
    this.frame = null;
    this.fitted = null; // the frame last fitted, as JSON
    this.touched = false;

    this.groups = {
      outlines: L.featureGroup(),
      routes: L.featureGroup(),
      sites: L.featureGroup(),
      selection: L.featureGroup(),
    };
    this.groups.selection.addTo(map);
    ["routes", "sites", "selection"].forEach(function (name) {
      self.groups[name].on("click", function (e) {
        self.report(e.layer);
      });
    });
    this.controls(config.tiles);
    this.keepFitted();

    var meta = fetchJson(config.parts.meta).then(function (m) {
      self.meta = m;
      self.style(m.css);
      self.legend(m.legend);
      return m;
    });
    var draw = function (name, build) {
      return Promise.all([meta, fetchJson(config.parts[name])])
        .then(function (loaded) {
          build.call(self, loaded[1]);
          self.refresh();
        })
        .catch(function (error) {
          console.error("Corridor Atlas: the " + name + " layer did not load", error);
        });
    };
    this.ready = Promise.all([
      draw("outlines", this.drawOutlines),
      draw("routes", this.drawRoutes),
      draw("sites", this.drawSites),
    ]);
  }

  // ------------------------------------------------------------------------------ the look

  Atlas.prototype.style = function (css) {
    var tag = document.createElement("style");
    tag.textContent = css;
    document.head.appendChild(tag);
  };

  Atlas.prototype.controls = function (tiles) {
    var bases = {};
    if (tiles) {
      bases[tiles.name] = L.tileLayer(tiles.url, tiles.options).addTo(this.map);
      bases["No tiles"] = L.layerGroup();
    }
    var overlays = {
      "Country outlines": this.groups.outlines.addTo(this.map),
      Routes: this.groups.routes.addTo(this.map),
      Sites: this.groups.sites.addTo(this.map),
    };
    L.control.layers(bases, overlays, {position: "topright", collapsed: true}).addTo(this.map);
  };

  Atlas.prototype.legend = function (html) {
    var self = this;
    var control = L.control({position: "bottomright"});
    control.onAdd = function () {
      var div = L.DomUtil.create("details", "atlas-legend");
      div.innerHTML = "<summary>Legend</summary>" + html;
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      self.legendDiv = div;
      return div;
    };
    control.addTo(this.map);
  };

  /* Show the legend's rows for what is drawn: a row with data-legend="project" and
     data-value="cku" shows while a drawn route has that project; a heading while one of its
     rows shows. */
  Atlas.prototype.refreshLegend = function () {
    if (!this.legendDiv) {
      return;
    }
    var seen = {project: {}, quality: {}, kind: {}, route: {}};
    for (var i = 0; i < this.count; i++) {
      var f = this.features[i];
      if (!f || !f.on) {
        continue;
      }
      var p = f.layer.feature.properties;
      if (p.layer === "route") {
        seen.project[p.project] = seen.quality[p.geometry_quality] = seen.route[""] = true;
      } else {
        seen.kind[p.kind] = true;
      }
    }
    var visible = {};
    this.legendDiv.querySelectorAll("div[data-legend]").forEach(function (row) {
      var key = row.getAttribute("data-legend");
      var on = !!(seen[key] && seen[key][row.getAttribute("data-value")]);
      row.style.display = on ? "" : "none";
      var section = row.getAttribute("data-section");
      visible[section] = visible[section] || on;
    });
    this.legendDiv.querySelectorAll("h4[data-section]").forEach(function (heading) {
      heading.style.display = visible[heading.getAttribute("data-section")] ? "" : "none";
    });
  };

  Atlas.prototype.routeStyle = function (props, cls) {
    var m = this.meta;
    var style = Object.assign({}, m.route, {color: m.colors[props.project] || m.unknown_color});
    if (m.dash[props.geometry_quality]) {
      style.dashArray = m.dash[props.geometry_quality];
    }
    return Object.assign(style, (cls && m.classes[cls]) || null);
  };

  Atlas.prototype.siteIcon = function (kind, selected) {
    var icons = selected ? this.meta.selected_icons : this.meta.icons;
    return L.divIcon(icons[kind] || icons[""]);
  };

  // ---------------------------------------------------------------------------- the layers

  Atlas.prototype.tooltip = function (feature, layer) {
    layer.bindTooltip(feature.properties.tooltip, {sticky: true});
  };

  Atlas.prototype.drawOutlines = function (data) {
    var m = this.meta;
    L.geoJSON(data, {
      pane: this.config.pane,
      style: function () {
        return m.outline;
      },
      onEachFeature: this.tooltip,
    }).addTo(this.groups.outlines);
  };

  /* Number each feature of a part in the order of its file (the state's order). */
  Atlas.prototype.collect = function (name) {
    var self = this;
    var index = this.offsets[name];
    return function (feature, layer) {
      self.tooltip(feature, layer);
      var f = {layer: layer, group: self.groups[name], on: false, cls: ""};
      self.features[index++] = f;
      self.byId[feature.properties.id] = f;
    };
  };

  Atlas.prototype.drawRoutes = function (data) {
    var self = this;
    // Built outside the map and added feature by feature as the state shows them.
    L.geoJSON(data, {
      style: function (feature) {
        return self.routeStyle(feature.properties, "");
      },
      onEachFeature: this.collect("routes"),
    });
  };

  Atlas.prototype.drawSites = function (data) {
    var self = this;
    var m = this.meta;
    var options = {onEachFeature: this.collect("sites")};
    this.dots = data.features.length > m.max_icon_sites;
    if (this.dots) {
      // One canvas for all the dots (a renderer per marker would make one canvas each).
      var canvas = L.canvas({padding: 0.5});
      options.pointToLayer = function (feature, latlng) {
        return L.circleMarker(latlng, Object.assign({renderer: canvas}, m.dot));
      };
    } else {
      options.pointToLayer = function (feature, latlng) {
        return L.marker(latlng, {icon: self.siteIcon(feature.properties.kind, false)});
      };
    }
    L.geoJSON(data, options);
  };

  // ----------------------------------------------------------------------------- the state

  Atlas.prototype.apply = function (state) {
    if (state.version && this.version && state.version !== this.version) {
      return; // a state made for other layers (the page changed data): keep the last one
    }
    this.state = state;
    this.shown = state.shown ? decodeCodes(state.shown, 1, this.count) : null;
    this.classes = state.classes
      ? {
          codes: decodeCodes(state.classes.codes, state.classes.bits, this.count),
          names: state.classes.names,
        }
      : null;
    this.refresh();
    var frame = JSON.stringify(state.frame || null);
    if (state.frame && frame !== this.fitted) {
      this.fitted = frame;
      this.frame = state.frame;
      this.touched = false;
      this.fit();
    }
  };

  /* Draw what the state shows, each feature with its class, and the selection over them. */
  Atlas.prototype.refresh = function () {
    if (!this.meta) {
      return;
    }
    for (var i = 0; i < this.count; i++) {
      var f = this.features[i];
      if (!f) {
        continue;
      }
      var on = !this.shown || this.shown[i] === 1;
      var cls = this.classes ? this.classes.names[this.classes.codes[i]] || "" : "";
      if (cls !== f.cls) {
        this.restyle(f, cls);
      }
      f.cls = cls;
      if (on !== f.on) {
        f.on = on;
        if (on) {
          f.group.addLayer(f.layer);
        } else {
          f.group.removeLayer(f.layer);
        }
      }
    }
    this.drawSelection(this.state.selected);
    this.refreshLegend();
  };

  /* A feature's look with class `cls` added (an icon takes only the class's opacity). */
  Atlas.prototype.restyle = function (f, cls) {
    var props = f.layer.feature.properties;
    var extra = (cls && this.meta.classes[cls]) || {};
    if (props.layer === "route") {
      f.layer.setStyle(this.routeStyle(props, cls));
    } else if (f.layer.setStyle) {
      f.layer.setStyle(Object.assign({}, this.meta.dot, extra));
    } else {
      f.layer.setOpacity(extra.opacity === undefined ? 1 : extra.opacity);
    }
  };

  /* The selected feature drawn over the others (even when the state hides it): a route thick on
     a white casing, a site larger on a halo. */
  Atlas.prototype.drawSelection = function (id) {
    var group = this.groups.selection;
    group.clearLayers();
    var f = id ? this.byId[id] : null;
    if (!f) {
      return;
    }
    var feature = f.layer.feature;
    var props = feature.properties;
    var m = this.meta;
    var self = this;
    if (props.layer === "route") {
      L.geoJSON(feature, {
        interactive: false,
        style: function () {
          return m.casing;
        },
      }).addTo(group);
      var faded = ((f.cls && m.classes[f.cls]) || {}).opacity;
      L.geoJSON(feature, {
        style: function () {
          // Thicker, but as faint as its class makes it (a proposed line stays faint).
          var look = Object.assign(self.routeStyle(props, f.cls), m.selected_route);
          return faded === undefined ? look : Object.assign(look, {opacity: faded});
        },
        onEachFeature: this.tooltip,
      }).addTo(group);
    } else {
      L.geoJSON(feature, {
        pointToLayer: function (feature, latlng) {
          if (self.dots) {
            return L.circleMarker(latlng, Object.assign({}, m.dot, m.selected_dot));
          }
          return L.marker(latlng, {icon: self.siteIcon(props.kind, true), zIndexOffset: 1000});
        },
        onEachFeature: this.tooltip,
      }).addTo(group);
    }
  };

  // ------------------------------------------------------------------------------ the view

  Atlas.prototype.fit = function () {
    var frame = this.frame;
    if (frame.bounds) {
      this.map.fitBounds(frame.bounds, Object.assign({animate: false}, frame.options));
    } else {
      this.map.setView(frame.center, frame.zoom, {animate: false});
    }
    this.last = {zoom: this.map.getZoom(), center: this.map.getCenter()};
  };

  /* Fit the frame again when the map's container is resized before the reader has moved the
     map: streamlit-folium sizes its frame after the map is made, so the first fit is made for
     the wrong width and a route's far end could fall off the screen. */
  Atlas.prototype.keepFitted = function () {
    var self = this;
    var el = this.map.getContainer();
    ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (type) {
      el.addEventListener(
        type,
        function () {
          self.touched = true;
        },
        {passive: true}
      );
    });
    if (!window.ResizeObserver) {
      return;
    }
    new ResizeObserver(function () {
      var map = self.map;
      var unmoved =
        self.last &&
        map.getZoom() === self.last.zoom &&
        map.getCenter().equals(self.last.center, 1e-6);
      map.invalidateSize();
      if (self.frame && !self.touched && unmoved) {
        self.fit();
      }
    }).observe(el);
  };

  // ----------------------------------------------------------------------------- the click

  /* Tell Streamlit which feature was clicked, at once. streamlit-folium reports clicks on the
     layers it knew when the map was made, after 250 ms; these layers are loaded later. Its own
     report, if it makes one, is the same feature and is then not sent again. */
  Atlas.prototype.report = function (layer) {
    var data = window.__GLOBAL_DATA__;
    var streamlit = window.Streamlit;
    if (!layer || !layer.feature || !data || !streamlit) {
      return;
    }
    var wanted = data.returned_objects || [];
    if (wanted.indexOf("last_active_drawing") < 0) {
      return;
    }
    var feature = layer.toGeoJSON();
    data.last_active_drawing = feature;
    data.previous_data = {last_active_drawing: feature};
    this.clicks += 1; // a second click on the same feature is news too
    streamlit.setComponentValue({last_active_drawing: feature, clicks: this.clicks});
  };

  window.AtlasMap = {
    create: function (map, config) {
      atlas = new Atlas(map, config);
      var state = pending || config.state;
      pending = null;
      if (state) {
        atlas.apply(state);
      }
      return atlas;
    },
    apply: function (state) {
      if (atlas) {
        atlas.apply(state);
      } else {
        pending = state;
      }
    },
    get: function () {
      return atlas;
    },
    decodeCodes: decodeCodes,
  };
})();
