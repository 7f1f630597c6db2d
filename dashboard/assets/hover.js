/* Attach each meeting's hover text (sent once per language) to the timeline the server sends on every
   filter change, so a filter change does not resend ~150 bytes of names per point. Points carry their
   table row in customdata, as a plain array or as plotly's typed array ({dtype, bdata}), which is
   decoded here so that click data and the page's figure carry plain row numbers. */
(function () {
  const TYPED = { u1: Uint8Array, u2: Uint16Array, u4: Uint32Array, i4: Int32Array, f4: Float32Array, f8: Float64Array };

  function rows(customdata) {
    if (Array.isArray(customdata)) {
      return customdata;
    }
    if (!customdata || !TYPED[customdata.dtype] || typeof customdata.bdata !== "string") {
      return null;
    }
    const bytes = Uint8Array.from(atob(customdata.bdata), function (c) { return c.charCodeAt(0); });
    return Array.from(new TYPED[customdata.dtype](bytes.buffer));
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    meetings: {
      attachHover: function (figure, hovers) {
        if (!figure || !figure.data) {
          return window.dash_clientside.no_update;
        }
        const texts = Array.isArray(hovers) ? hovers : [];
        const data = figure.data.map(function (trace) {
          const points = trace.hovertext ? null : rows(trace.customdata);
          if (!points) {
            return trace;
          }
          return Object.assign({}, trace, {
            customdata: points,
            hovertext: points.map(function (row) { return texts[row] || ""; }),
          });
        });
        return Object.assign({}, figure, { data: data });
      },
    },
  });
})();
