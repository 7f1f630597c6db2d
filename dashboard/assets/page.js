/* The page's client side: hover text, the filters drawer, keyboard use of the meeting list
   and the article view. Nothing here decides what is shown; the server does. */
(function () {
  const TYPED = { u1: Uint8Array, u2: Uint16Array, u4: Uint32Array, i4: Int32Array, f4: Float32Array, f8: Float64Array };

  /* Points carry their table row in customdata, as a plain array or as plotly's typed array
     ({dtype, bdata}), decoded here so that click data and the page's figure carry plain row numbers. */
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

  /* Charts off screen are drawn when they come on screen, not on every filter change: a click redraws only
     what can be seen, and the first page draws the timeline alone. Checked once a frame at most, after a
     scroll, a resize or a change of the page (a shorter list brings the charts up). */
  const waiting = {};
  let checkQueued = false;

  function onScreen(element) {
    const box = element.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  }

  function drawWaiting() {
    checkQueued = false;
    Object.keys(waiting).forEach(function (id) {
      const element = document.getElementById(id);
      if (element && onScreen(element)) {
        const figure = waiting[id];
        delete waiting[id];
        window.dash_clientside.set_props(id, { figure: figure });
      }
    });
  }

  function checkWaiting() {
    if (!checkQueued && Object.keys(waiting).length) {
      checkQueued = true;
      window.requestAnimationFrame(drawWaiting);
    }
  }

  window.addEventListener("scroll", checkWaiting, { passive: true });
  window.addEventListener("resize", checkWaiting);

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    meetings: {
      /* Attach each meeting's hover text (sent once per language) to the timeline the server sends on
         every filter change, so a filter change does not resend names for every point. */
      attachHover: function (figure, hovers) {
        if (!figure || !figure.data) {
          return window.dash_clientside.no_update;
        }
        const texts = Array.isArray(hovers) ? hovers : [];
        const data = figure.data.map(function (trace) {
          const points = trace.hovertext || trace.name === "clusters" ? null : rows(trace.customdata);
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
      /* The chart's camera runs the page's own PNG export, so that both give the same titled figure
         (a config with a function cannot come from the server; it comes from here). */
      graphConfig: function (_pathname, config) {
        const camera = {
          name: "export-png",
          title: "PNG",
          icon: window.Plotly && window.Plotly.Icons ? window.Plotly.Icons.camera : undefined,
          click: function () { document.getElementById("export-png").click(); },
        };
        return Object.assign({}, config, { modeBarButtonsToAdd: [camera] });
      },
      /* Pass on the timeline's zooms (its x axis changed), not its resizes. */
      keepZoom: function (relayout) {
        const zoomed = relayout && Object.keys(relayout).some(function (key) { return key.indexOf("xaxis") === 0; });
        return zoomed ? relayout : window.dash_clientside.no_update;
      },
      /* Draw a chart now when it is on screen, else once it comes on screen (drawWaiting). */
      drawWhenShown: function (figure, id) {
        const element = document.getElementById(id);
        if (!element || onScreen(element)) {
          delete waiting[id];
          return figure;
        }
        waiting[id] = figure;
        checkWaiting();
        return window.dash_clientside.no_update;
      },
      /* Phones: the filters live in a drawer that this button opens and closes. */
      toggleFilters: function (clicks) {
        const open = (clicks || 0) % 2 === 1;
        return [open ? "sidebar open" : "sidebar", open ? "true" : "false"];
      },
    },
  });

  /* Phones: a meeting opened from the list is shown right away (the panel sits below the list). */
  let shownMeeting = null;
  new MutationObserver(function () {
    checkWaiting();
    const meeting = new URLSearchParams(location.search).get("m");
    const panel = document.querySelector(".detail-card");
    if (meeting && meeting !== shownMeeting && panel && window.innerWidth < 600 && document.querySelector(".detail-title")) {
      shownMeeting = meeting;
      panel.scrollIntoView({ block: "start" });
    }
  }).observe(document.documentElement, { childList: true, subtree: true });

  function rowLinks() {
    return Array.from(document.querySelectorAll("#meeting-list a.row-link"));
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      const close = document.getElementById("article-close");
      if (close) {
        event.preventDefault();
        close.click();
        return;
      }
    }
    const links = rowLinks();
    const at = links.indexOf(document.activeElement);
    if (at < 0 || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const step = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 }[event.key];
    if (step) {
      event.preventDefault();
      const next = links[Math.min(links.length - 1, Math.max(0, at + step))];
      next.focus();
    }
  });

})();
