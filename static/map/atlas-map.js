/*
 * Corridor Atlas map: draws the atlas's layers on a Leaflet map and applies the page's state.
 *
 * Written by hand for geo/draw (see geo/draw/__init__.py); served by Streamlit from static/map/.
 *
 * The map script that streamlit-folium runs once per data version calls
 *     AtlasMap.create(map, config)
 * where config names the map's parts (meta: the look and the legend; outlines, routes, sites:
 * GeoJSON FeatureCollections), each either inline or as the URL of a content-hashed static file
 * that the browser fetches once and keeps (geo/publish.py). Every Streamlit rerun then sends
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
 * 250 ms) as {last_active_drawing: the feature as GeoJSON, clicks: n}; when the reader has moved
 * the map (not the script fitting a frame), its position is reported as
 * {moved: "lat,lon,zoom", clicks: n}, which the page puts in the view's link (geo/urlstate.py). A route is found within
 * meta.tolerance pixels of its line; where two routes run together the click offers both.
 * Enter or Space on a focused route or site does the same as a click.
 *
 * The map arranges itself at each zoom: a site is drawn from the zoom of its rank
 * (meta.rank_zoom) and only where its icon does not cover another's, so that at the first view
 * the routes' lines are free to click; then country names and site names are written where they
 * do not collide.
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

  /* A tooltip that stays inside the map: moved back in when it would cross an edge. */
  var InsideTooltip = L.Tooltip.extend({
    _updatePosition: function () {
      L.Tooltip.prototype._updatePosition.call(this);
      var el = this._container;
      var map = this._map;
      if (!el || !map) {
        return;
      }
      var box = el.getBoundingClientRect();
      var area = map.getContainer().getBoundingClientRect();
      var margin = 4;
      var dx =
        Math.max(0, area.left + margin - box.left) - Math.max(0, box.right - area.right + margin);
      var dy =
        Math.max(0, area.top + margin - box.top) - Math.max(0, box.bottom - area.bottom + margin);
      if (dx || dy) {
        L.DomUtil.setPosition(el, L.DomUtil.getPosition(el).add([dx, dy]));
      }
    },
  });

  var measure = document.createElement("canvas").getContext("2d");

  /* The width in pixels of `text` written in `font`. */
  function textWidth(text, font) {
    measure.font = font;
    return Math.ceil(measure.measureText(text).width);
  }

  function overlaps(a, list) {
    for (var i = 0; i < list.length; i++) {
      var b = list[i];
      if (a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]) {
        return true;
      }
    }
    return false;
  }

  /* A label: a non-interactive marker whose text is set as text (never as HTML). */
  function label(latlng, text, cls, pane) {
    var el = document.createElement("span");
    el.textContent = text;
    el.setAttribute("aria-hidden", "true");
    var font = cls === "atlas-country" ? "11px system-ui" : "12px system-ui";
    var width = textWidth(cls === "atlas-country" ? text.toUpperCase() : text, font) + 4;
    var marker = L.marker(latlng, {
      icon: L.divIcon({
        html: el,
        className: "atlas-label " + cls,
        iconSize: [width, 16],
        iconAnchor: [width / 2, 8],
      }),
      interactive: false,
      keyboard: false,
      pane: pane,
    });
    marker.width = width;
    return marker;
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
    this.countryLabels = []; // {marker, width}, largest country first
    this.siteOrder = []; // sites by rank, then in the parts' order

    map.createPane("atlas-labels").style.zIndex = 390; // under the routes and the markers
    this.labels = L.layerGroup().addTo(map);
    if (config.page_legend) {
      L.DomUtil.addClass(map.getContainer(), "atlas-page-legend");
    }
    map.on("enterFullscreen", function () {
      L.DomUtil.addClass(map.getContainer(), "atlas-full");
    });
    map.on("exitFullscreen", function () {
      L.DomUtil.removeClass(map.getContainer(), "atlas-full");
    });

    this.groups = {
      outlines: L.featureGroup(),
      routes: L.featureGroup(),
      sites: L.featureGroup(),
      selection: L.featureGroup(),
    };
    this.groups.selection.addTo(map);
    // A site is clicked on its icon; a route anywhere near its line (the map's click).
    ["sites", "selection"].forEach(function (name) {
      self.groups[name].on("click", function (e) {
        var props = e.layer.feature && e.layer.feature.properties;
        if (props && props.layer === "site") {
          L.DomEvent.stopPropagation(e.originalEvent);
          self.report(e.layer);
        }
      });
    });
    map.on("click", function (e) {
      self.pick(e.layerPoint, e.latlng);
    });
    map.on("zoomend moveend", function () {
      self.arrange();
    });
    map.on("moveend", function () {
      if (self.touched) {
        self.reportMove();
      }
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
    ]).then(function () {
      self.arrange();
    });
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
    // "auto": left of the pointer in the map's right half, so that a tooltip kept inside the map
    // does not slide under the pointer.
    layer.bindTooltip(
      new InsideTooltip({sticky: true, direction: "auto"}).setContent(feature.properties.tooltip)
    );
  };

  /* A feature's path or icon named and operable from the keyboard: Tab reaches it, Enter or
     Space selects it as a click does. */
  Atlas.prototype.operable = function (layer) {
    var self = this;
    var el = layer._icon || layer._path;
    var props = layer.feature.properties;
    if (!el || el.getAttribute("data-atlas-id") === props.id) {
      return;
    }
    el.setAttribute("data-atlas-id", props.id);
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "button");
    var kind = (props.kind || "").replace(/_/g, " ");
    el.setAttribute("aria-label", props.name + (kind ? " (" + kind + ")" : ""));
    el.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        e.stopPropagation();
        self.report(layer);
      }
    });
  };

  Atlas.prototype.drawOutlines = function (data) {
    var m = this.meta;
    var self = this;
    // Not interactive: a country is no Tab stop and no click target; its name is written on it.
    L.geoJSON(data, {
      pane: this.config.pane,
      interactive: false,
      style: function () {
        return m.outline;
      },
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        if (p.label) {
          var marker = label(p.label, p.name, "atlas-country", "atlas-labels");
          marker.country = layer.getBounds();
          self.countryLabels.push(marker);
        }
      },
    }).addTo(this.groups.outlines);
  };

  /* Number each feature of a part in the order of its file (the state's order). */
  Atlas.prototype.collect = function (name) {
    var self = this;
    var index = this.offsets[name];
    return function (feature, layer) {
      self.tooltip(feature, layer);
      var f = {layer: layer, group: self.groups[name], on: false, cls: "", index: index};
      self.features[index++] = f;
      self.byId[feature.properties.id] = f;
      layer.on("add", function () {
        self.operable(layer);
      });
      if (name === "sites") {
        f.rank = feature.properties.rank || 0;
        f.label = label(layer.getLatLng(), feature.properties.name, "atlas-place", "atlas-labels");
        self.siteOrder.push(f);
      }
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
    this.siteOrder.sort(function (a, b) {
      return a.rank - b.rank || a.index - b.index;
    });
  };

  // ----------------------------------------------------------------------------- the state

  Atlas.prototype.apply = function (state) {
    if (state.version && this.version && state.version !== this.version) {
      return; // a state made for other layers (the page changed data): keep the last one
    }
    if (state.selected !== this.state.selected) {
      // What a tooltip or a choice said is about the last selection: close them.
      this.map.closePopup();
      this.map.eachLayer(function (layer) {
        if (layer.closeTooltip) {
          layer.closeTooltip();
        }
      });
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
    this.arrange();
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
        onEachFeature: function (feature, layer) {
          self.tooltip(feature, layer);
          layer.on("add", function () {
            self.operable(layer);
          });
        },
      }).addTo(group);
    } else {
      L.geoJSON(feature, {
        pointToLayer: function (feature, latlng) {
          if (self.dots) {
            return L.circleMarker(latlng, Object.assign({}, m.dot, m.selected_dot));
          }
          return L.marker(latlng, {icon: self.siteIcon(props.kind, true), zIndexOffset: 1000});
        },
        onEachFeature: function (feature, layer) {
          self.tooltip(feature, layer);
          layer.on("add", function () {
            self.operable(layer);
          });
        },
      }).addTo(group);
    }
  };

  // ------------------------------------------------------------------------- the arrangement

  /* Which sites and names are drawn at this zoom: sites by rank from the zoom of their rank,
     each where its icon covers no other's (the selected one first); then the countries' names,
     largest first, and the sites' names beside their icons, where they cover nothing drawn. */
  Atlas.prototype.arrange = function () {
    var map = this.map;
    if (!this.meta || !map._loaded) {
      return;
    }
    var zoom = map.getZoom();
    var size = map.getSize();
    var taken = [];
    var placed = [];
    var rankZoom = this.meta.rank_zoom;
    var selected = this.state.selected ? this.byId[this.state.selected] : null;
    if (selected && selected.layer.getLatLng) {
      var sp = map.latLngToContainerPoint(selected.layer.getLatLng());
      taken.push([sp.x - 17, sp.y - 17, sp.x + 17, sp.y + 17]);
      placed.push({f: selected, p: sp, r: 17});
    }
    for (var i = 0; i < this.siteOrder.length; i++) {
      var f = this.siteOrder[i];
      var show = !this.dots && f !== selected && zoom >= (rankZoom[f.rank] || 0);
      if (show) {
        var p = map.latLngToContainerPoint(f.layer.getLatLng());
        var box = [p.x - 11, p.y - 11, p.x + 11, p.y + 11];
        show = !overlaps(box, taken);
        if (show && f.on) {
          taken.push(box);
          placed.push({f: f, p: p, r: 12});
        }
      }
      f.crowded = !show && !this.dots;
      if (f.layer._icon) {
        L.DomUtil[f.crowded || f === selected ? "addClass" : "removeClass"](
          f.layer._icon,
          "atlas-crowded"
        );
      }
    }
    var inside = function (b) {
      return b[0] >= 0 && b[1] >= 0 && b[2] <= size.x && b[3] <= size.y;
    };
    // Names cross no route: the lines stay clear to read and to click.
    var lines = [];
    var collect = function (layer) {
      var props = layer.feature && layer.feature.properties;
      if (props && props.layer === "route" && layer._parts) {
        layer._parts.forEach(function (part) {
          for (var j = 1; j < part.length; j++) {
            lines.push([
              map.layerPointToContainerPoint(part[j - 1]),
              map.layerPointToContainerPoint(part[j]),
            ]);
          }
        });
      }
    };
    this.groups.routes.eachLayer(collect);
    this.groups.selection.eachLayer(function (g) {
      g.eachLayer(collect);
    });
    var crosses = function (b) {
      var bounds = L.bounds([b[0], b[1]], [b[2], b[3]]);
      for (var k = 0; k < lines.length; k++) {
        if (L.LineUtil.clipSegment(lines[k][0], lines[k][1], bounds)) {
          return true;
        }
      }
      return false;
    };
    var labels = this.labels;
    /* Write a name in the first of `boxes` (pixels of the map) that lies inside the map and
       covers nothing drawn or written, or not at all; `at` is the point it belongs to. */
    var place = function (marker, boxes, at) {
      var box = null;
      for (var k = 0; k < boxes.length && !box; k++) {
        if (inside(boxes[k]) && !overlaps(boxes[k], taken) && !crosses(boxes[k])) {
          box = boxes[k];
        }
      }
      if (!box) {
        if (labels.hasLayer(marker)) {
          labels.removeLayer(marker);
        }
        return;
      }
      taken.push(box);
      var icon = marker.options.icon.options;
      var anchor = [Math.round(at.x - box[0]), Math.round(at.y - box[1])];
      if (icon.iconAnchor[0] !== anchor[0] || icon.iconAnchor[1] !== anchor[1]) {
        icon.iconAnchor = anchor;
        if (marker._icon) {
          marker.setIcon(marker.options.icon);
        }
      }
      if (!labels.hasLayer(marker)) {
        labels.addLayer(marker);
      }
    };
    var showOutlines = this.map.hasLayer(this.groups.outlines);
    this.countryLabels.forEach(function (marker) {
      var c = map.latLngToContainerPoint(marker.getLatLng());
      var w = marker.width / 2;
      // On its point, or a line above or below it when that is taken, still over the country.
      var boxes = [0, -16, 16]
        .filter(function (dy) {
          return showOutlines && marker.country.contains(map.containerPointToLatLng([c.x, c.y + dy]));
        })
        .map(function (dy) {
          return [c.x - w, c.y - 8 + dy, c.x + w, c.y + 8 + dy];
        });
      place(marker, boxes, c);
    });
    var onMap = {};
    placed.forEach(function (s) {
      onMap[s.f.index] = true;
      var w = s.f.label.width;
      var p = s.p;
      var r = s.r + 2;
      // Right of the icon, left of it, above or below.
      place(
        s.f.label,
        [
          [p.x + r, p.y - 8, p.x + r + w, p.y + 8],
          [p.x - r - w, p.y - 8, p.x - r, p.y + 8],
          [p.x - w / 2, p.y - r - 16, p.x + w / 2, p.y - r],
          [p.x - w / 2, p.y + r, p.x + w / 2, p.y + r + 16],
        ],
        p
      );
    });
    this.siteOrder.forEach(function (f) {
      if (!onMap[f.index] && labels.hasLayer(f.label)) {
        labels.removeLayer(f.label);
      }
    });
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
        {passive: true, capture: true} // capture: the zoom buttons stop the event
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

  /* The routes drawn within the click tolerance of `point` (layer pixels), nearest first. */
  Atlas.prototype.routesNear = function (point) {
    var tolerance = this.meta.tolerance;
    var near = [];
    var seen = {};
    var consider = function (layer) {
      var props = layer.feature && layer.feature.properties;
      if (!props || props.layer !== "route" || !layer._parts || seen[props.id] !== undefined) {
        return;
      }
      var best = Infinity;
      layer._parts.forEach(function (part) {
        for (var i = 1; i < part.length; i++) {
          best = Math.min(best, L.LineUtil.pointToSegmentDistance(point, part[i - 1], part[i]));
        }
      });
      seen[props.id] = best;
      if (best <= tolerance) {
        near.push({layer: layer, distance: best});
      }
    };
    this.groups.selection.eachLayer(function (g) {
      g.eachLayer(consider);
    });
    this.groups.routes.eachLayer(consider);
    near.sort(function (a, b) {
      return a.distance - b.distance;
    });
    return near;
  };

  /* A click on the map (not on a site): the route under it, or a choice of the routes that run
     together there. */
  Atlas.prototype.pick = function (point, latlng) {
    if (!this.meta) {
      return;
    }
    var near = this.routesNear(point);
    if (!near.length) {
      return;
    }
    var closest = near[0].distance;
    near = near.filter(function (n) {
      return n.distance <= closest + 4; // lines this close run together
    });
    if (near.length === 1) {
      this.report(near[0].layer);
      return;
    }
    this.offer(near, latlng);
  };

  /* A small popup with a button per route: "which of these?" */
  Atlas.prototype.offer = function (near, latlng) {
    var self = this;
    var box = document.createElement("div");
    box.className = "atlas-choice";
    var title = document.createElement("div");
    title.textContent = near.length + " routes run here:";
    box.appendChild(title);
    var popup = L.popup({maxWidth: 260, autoPanPadding: [8, 8]});
    near.forEach(function (n) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = n.layer.feature.properties.name;
      button.addEventListener("click", function () {
        self.map.closePopup(popup);
        self.report(n.layer);
      });
      box.appendChild(button);
    });
    popup.setLatLng(latlng).setContent(box).openOn(this.map);
    var first = box.querySelector("button");
    if (first) {
      first.focus();
    }
  };

  /* Tell Streamlit where the reader moved the map, once the map has come to rest. */
  Atlas.prototype.reportMove = function () {
    var self = this;
    clearTimeout(this.moveTimer);
    this.moveTimer = setTimeout(function () {
      var c = self.map.getCenter();
      var moved = [c.lat.toFixed(4), c.lng.toFixed(4), Math.round(self.map.getZoom())].join(",");
      if (moved !== self.moved) {
        self.moved = moved;
        self.send({last_active_drawing: null, clicks: self.clicks, moved: moved});
      }
    }, 300);
  };

  Atlas.prototype.send = function (value) {
    var data = window.__GLOBAL_DATA__;
    var streamlit = window.Streamlit;
    var wanted = (data && data.returned_objects) || [];
    if (streamlit && wanted.indexOf("last_active_drawing") >= 0) {
      streamlit.setComponentValue(value);
    }
  };

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
    this.send({last_active_drawing: feature, clicks: this.clicks});
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
