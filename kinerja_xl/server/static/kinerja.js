// Small enhancements only: every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Copy buttons (reminder texts): copy the text of the element named by data-salin.
  for (const b of document.querySelectorAll("button[data-salin]")) {
    b.hidden = false;
    b.addEventListener("click", async (ev) => {
      ev.preventDefault();
      const el = document.getElementById(b.dataset.salin);
      try { await navigator.clipboard.writeText(el.value || el.textContent); }
      catch (e) { el.select && el.select(); document.execCommand("copy"); }
      b.textContent = "Tersalin";
    });
  }
  // The board refreshes itself (status table and counts) while it is on screen.
  const board = document.getElementById("papan");
  if (board && window.fetch && window.DOMParser) {
    setInterval(async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const r = await fetch(location.href, { credentials: "same-origin" });
        if (!r.ok || r.redirected) return;
        const doc = new DOMParser().parseFromString(await r.text(), "text/html");
        for (const id of ["papan", "ringkas"]) {
          const fresh = doc.getElementById(id), old = document.getElementById(id);
          if (fresh && old && fresh.innerHTML !== old.innerHTML) old.innerHTML = fresh.innerHTML;
        }
      } catch (e) { /* offline for a moment: try again next time */ }
    }, 1000 * Number(board.dataset.segar || 60));
  }
  // Upload: refuse a too-large file before sending it; say that it is on its way.
  for (const f of document.querySelectorAll("form.unggah")) {
    f.addEventListener("submit", (ev) => {
      const input = f.querySelector("input[type=file]");
      const file = input.files[0];
      if (file && file.size > Number(f.dataset.batas)) {
        ev.preventDefault();
        alert("Berkas terlalu besar. Pastikan yang dipilih adalah formulir isian (.xlsx).");
        return;
      }
      const button = f.querySelector("button");
      button.textContent = "Mengirim dan memeriksa…";
      setTimeout(() => { button.disabled = true; }, 0);  // after the submit has started
    });
  }
});
