// newslens views: layer chips, a popover on click or tap, highlighted anchors, the panel as a drawer on phones.
// Text from the record reaches the page only through textContent: nothing read is parsed as markup.
(function () {
  'use strict';
  var body = document.body;
  var detailsNode = document.getElementById('details');
  var details = detailsNode ? JSON.parse(detailsNode.textContent) : {};
  var popover = document.getElementById('popover');
  var flashed = [];

  function cssId(id) { return window.CSS && CSS.escape ? CSS.escape(id) : id.replace(/["\\]/g, '\\$&'); }
  function marksOf(id) { return Array.prototype.slice.call(document.querySelectorAll('.doc [data-ref~="' + cssId(id) + '"]')); }

  // Mark the target of a link (and every piece of it in the text); open the <details> it sits in.
  function flash(ids) {
    flashed.forEach(function (el) { el.classList.remove('flash'); });
    flashed = [];
    ids.forEach(function (id) {
      var target = document.getElementById(id);
      var found = marksOf(id).filter(function (el) { return !el.matches('.rank, .speaker'); });
      if (target && found.indexOf(target) < 0) found.unshift(target);
      found.forEach(function (el) {
        for (var up = el.parentElement; up; up = up.parentElement) { if (up.tagName === 'DETAILS') up.open = true; }
        el.classList.add('flash');
        flashed.push(el);
      });
    });
  }
  var clicked = null;  // the hash a link click has just highlighted (with all the mentions it names)
  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    if (location.hash !== clicked) flash([id]);
    clicked = null;
    var target = document.getElementById(id);
    if (target) target.scrollIntoView({block: 'center'});
  }
  window.addEventListener('hashchange', fromHash);
  fromHash();

  // Layer chips: an entity label on or off, the quotes on or off, every claim marked or only the top ones.
  document.querySelectorAll('.chip[data-label]').forEach(function (chip) {
    chip.addEventListener('click', function () {
      var on = chip.getAttribute('aria-pressed') !== 'true';
      chip.setAttribute('aria-pressed', String(on));
      document.querySelectorAll('mark.entity[data-label="' + cssId(chip.dataset.label) + '"]').forEach(function (m) {
        m.classList.toggle('off', !on);
      });
    });
  });
  document.querySelectorAll('.chip[data-layer]').forEach(function (chip) {
    chip.addEventListener('click', function () {
      var on = chip.getAttribute('aria-pressed') !== 'true';
      chip.setAttribute('aria-pressed', String(on));
      var layer = chip.dataset.layer;
      body.classList.toggle(layer, layer.indexOf('hide-') === 0 ? !on : on);
    });
  });

  // The drawer (phones): the panel slides up over the text and closes when one of its links is followed.
  var toggle = document.querySelector('.drawer-toggle');
  function drawer(open) {
    body.classList.toggle('drawer-open', open);
    if (toggle) toggle.setAttribute('aria-expanded', String(open));
  }
  if (toggle) toggle.addEventListener('click', function () { drawer(!body.classList.contains('drawer-open')); });
  document.querySelectorAll('.drawer-close').forEach(function (b) { b.addEventListener('click', function () { drawer(false); }); });

  // Pointing at a panel entry outlines its marks in the text (a mouse's preview; a click or tap jumps there).
  document.querySelectorAll('.panel a[data-refs]').forEach(function (entry) {
    function outline(on) {
      entry.dataset.refs.split(' ').forEach(function (id) {
        marksOf(id).forEach(function (el) { if (!el.matches('.rank, .speaker')) el.classList.toggle('focus', on); });
      });
    }
    entry.addEventListener('mouseenter', function () { outline(true); });
    entry.addEventListener('mouseleave', function () { outline(false); });
  });

  // Links inside the page: highlight what they point to even when the hash does not change.
  document.addEventListener('click', function (event) {
    var link = event.target.closest('a[href^="#"]');
    if (!link) return;
    var refs = (link.dataset.refs || link.getAttribute('href').slice(1)).split(' ');
    drawer(false);
    hide();
    flash(refs.map(decodeURIComponent));  // before the jump, so a row inside a closed <details> is open to land on
    clicked = link.getAttribute('href');
  });

  // The popover: details of the innermost visible mark under a click or tap.
  var MARKS = 'mark.entity:not(.off), .quote, .who, .rank, .speaker, .claim.marked, .all-claims .claim';
  function hide() {
    if (!popover || popover.hidden) return;
    popover.hidden = true;
    document.querySelectorAll('.doc .focus').forEach(function (el) { el.classList.remove('focus'); });
  }
  function show(id, anchor) {
    var item = details[id];
    if (!item || !popover) return;
    hide();
    popover.textContent = '';
    var close = document.createElement('button');
    close.className = 'pop-close'; close.type = 'button'; close.textContent = '×'; close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', hide);
    var kind = document.createElement('div'); kind.className = 'pop-kind'; kind.textContent = item.kind;
    var title = document.createElement('div'); title.className = 'pop-title'; title.textContent = item.title;
    var list = document.createElement('dl');
    item.rows.forEach(function (row) {
      var dt = document.createElement('dt'); dt.textContent = row[0];
      var dd = document.createElement('dd'); dd.textContent = row[1];
      list.appendChild(dt); list.appendChild(dd);
    });
    popover.appendChild(close); popover.appendChild(kind); popover.appendChild(title); popover.appendChild(list);
    popover.dataset.ref = id;
    popover.hidden = false;
    marksOf(id).forEach(function (el) { if (!el.matches('.rank, .speaker')) el.classList.add('focus'); });
    var box = anchor.getClientRects()[0] || anchor.getBoundingClientRect();
    var width = popover.offsetWidth;
    var left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    popover.style.left = left + 'px';
    popover.style.top = (box.bottom + window.scrollY + 6) + 'px';
  }
  var doc = document.querySelector('.doc');
  if (doc) {
    doc.addEventListener('click', function (event) {
      var mark = event.target.closest(MARKS);
      if (!mark || !doc.contains(mark)) { hide(); return; }
      var id = mark.dataset.for || mark.dataset.ref.split(' ')[0];
      if (popover && !popover.hidden && popover.dataset.ref === id) { hide(); return; }
      event.stopPropagation();
      show(id, mark);
    });
  }
  document.addEventListener('click', function (event) {
    if (popover && !popover.hidden && !popover.contains(event.target) && !(doc && doc.contains(event.target))) hide();
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') { hide(); drawer(false); }
  });
})();
