// Ctrl+K (or Cmd+K) anywhere on the page puts the cursor in the app bar's search box.
let listener = null;

export function focusOnCtrlK(selector) {
    release();
    listener = event => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
            event.preventDefault();
            document.querySelector(selector)?.focus();
        }
    };
    document.addEventListener("keydown", listener);
}

export function release() {
    if (listener) {
        document.removeEventListener("keydown", listener);
        listener = null;
    }
}
