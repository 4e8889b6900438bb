// The incident map: Natural Earth country outlines served by tallied (no tile server), one
// circle per incident sized by its ACLED fatalities; a click opens the incident.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }
  var map = L.map(el, { worldCopyJump: true, preferCanvas: false }).setView([20, 20], 2);
  window.talliedMap = map;
  fetch(el.dataset.basemap).then(function (r) { return r.json(); }).then(function (geo) {
    L.geoJSON(geo, { style: { color: "#7a8595", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
                     interactive: false }).addTo(map).bringToBack();
    el.setAttribute("data-basemap-ready", "1");
  });
  fetch(el.dataset.points, { headers: { "Accept": "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (ctx) {
      var layer = L.featureGroup().addTo(map);
      ctx.points.forEach(function (p) {
        var m = L.circleMarker([p.latitude, p.longitude], {
          radius: p.radius, color: "#8e1b10", weight: 1, fillColor: "#c0392b", fillOpacity: 0.55,
          className: "incident-marker"
        });
        m.bindTooltip(document.createTextNode(p.label + " — " + p.fatalities + " killed"));
        m.on("click", function () { window.location.assign(p.href); });
        m.addTo(layer);
        m.getElement().setAttribute("data-id", p.id);
      });
      if (ctx.points.length) { map.fitBounds(layer.getBounds().pad(0.3), { maxZoom: 7, animate: false }); }
      el.setAttribute("data-ready", String(ctx.points.length));
    });
})();
