/* Attach each meeting's hover text (sent once per language) to the timeline the server sends on every
   filter change, so a filter change does not resend ~150 bytes of names per point. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  meetings: {
    attachHover: function (figure, hovers) {
      if (!figure || !figure.data) {
        return window.dash_clientside.no_update;
      }
      const texts = Array.isArray(hovers) ? hovers : [];
      const data = figure.data.map(function (trace) {
        if (!Array.isArray(trace.customdata) || trace.hovertext) {
          return trace;
        }
        return Object.assign({}, trace, {
          hovertext: trace.customdata.map(function (row) { return texts[row] || ""; }),
        });
      });
      return Object.assign({}, figure, { data: data });
    },
  },
});
