'use strict';
// plotly.js with only the traces the dashboard draws: scatter (the timeline; part of the core), bar (the
// monthly chart) and heatmap (who met whom). A third of the cartesian bundle's start-up work in the browser.
var Plotly = require('plotly.js/lib/core');

Plotly.register([require('plotly.js/lib/bar'), require('plotly.js/lib/heatmap')]);

module.exports = Plotly;
