// The review app's keyboard (qantar.app.review): each key press is sent to the kernel, which decides what it does.
// Keys typed into a form's fields stay there, except Enter (submit the form) and Escape (close it). The page's
// current card is scrolled into view and its spans in the text are marked; clicking a span selects its card.
const KEYS = new Set(["j", "k", "a", "A", "e", "r", "?", "ArrowDown", "ArrowUp", "Escape"]);

function render({ model, el }) {
  el.classList.add("qantar-keys");
  const onKey = (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.isComposing) return;
    const t = ev.target;
    // A field of a form just closed (hidden, offsetParent null) may keep the focus until the browser's next focus
    // fix-up: a key pressed then is meant for the page, not for the hidden field.
    const typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable) &&
      t.offsetParent !== null;
    if (typing) {
      const form = t.closest(".qantar-edit") ? "edit" : t.closest(".qantar-reject") ? "reject" : "";
      if (!form || (ev.key !== "Enter" && ev.key !== "Escape")) return;
      ev.preventDefault();
      // Let the field send its value first (a text field sends it on Enter or when it loses focus).
      t.dispatchEvent(new Event("change", { bubbles: true }));
      const msg = { key: ev.key, form: form };
      if (t.tagName === "INPUT") {
        // The value as typed goes with the key: the field's own sync may arrive after it.
        const holder = t.closest("[class*='qantar-field-'], .qantar-reason-input");
        const name = holder ? [...holder.classList].find((c) => c.startsWith("qantar-field-")) : null;
        msg.field = form === "reject" ? "reason" : name ? name.slice("qantar-field-".length) : "";
        msg.value = t.value;
      }
      setTimeout(() => model.send(msg), 60);
      if (ev.key === "Escape") t.blur(); // the form closes: keys are the page's again
      return;
    }
    if (!KEYS.has(ev.key)) return;
    ev.preventDefault();
    model.send({ key: ev.key, form: "" });
  };
  const onClick = (ev) => {
    const mark = ev.target.closest && ev.target.closest("mark[data-cards]");
    if (mark) model.send({ select: Number(mark.dataset.cards.split(" ")[0]) });
  };
  // Two columns: the text pane scrolls on its own (sticky). One column (a phone): the page is one scroll.
  const oneColumn = () => {
    const pane = document.querySelector(".qantar-text-pane");
    return !pane || getComputedStyle(pane).position !== "sticky";
  };
  const show = (first) => {
    const i = String(model.get("current"));
    for (const m of document.querySelectorAll("mark.qantar-mark")) {
      m.classList.toggle("qantar-mark-current", m.dataset.cards.split(" ").includes(i));
    }
    // A phone opens at the top, for reading: the header, then the text; it scrolls once the reviewer moves.
    if (first === true && oneColumn()) return;
    const card = document.querySelector(".qantar-card-" + i);
    if (card) card.scrollIntoView({ block: "nearest" });
    // On one column, scrolling to the mark would take the current card off the screen again.
    const mark = document.querySelector("mark.qantar-mark-current");
    if (mark && !oneColumn()) mark.scrollIntoView({ block: "nearest" });
  };
  const focus = () => {
    const [form, i] = model.get("focus").split(":");
    if (!form) return;
    // The form is drawn by the kernel's reply: wait for its first field.
    let tries = 0;
    const look = () => {
      const field = document.querySelector(`.qantar-card-${i} .qantar-${form} input, .qantar-card-${i} .qantar-${form} select`);
      if (field) { field.focus(); return; }
      // Up to 10 s: on a busy machine the kernel's reply can take seconds to draw the form.
      if (++tries < 200) setTimeout(look, 50);
    };
    look();
  };
  // Capture: ipywidgets text fields stop their keydown events from bubbling.
  document.addEventListener("keydown", onKey, true);
  document.addEventListener("click", onClick);
  model.on("change:current", show);
  model.on("change:focus", focus);
  model.on("change:shown", show);
  setTimeout(() => show(true), 300);
  return () => {
    document.removeEventListener("keydown", onKey, true);
    document.removeEventListener("click", onClick);
  };
}

export default { render };
