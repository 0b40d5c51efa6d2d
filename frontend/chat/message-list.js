/*
 * The message list's scrolling (com.sintra.chat.ui.MessageList): it follows an answer as it streams in,
 * loads the page before when the reader scrolls to the top, and keeps the reader's place when that page
 * arrives. The list's server side calls these through window.Sintra.messageList, with its scroller.
 */
const TOP = 40;

window.Sintra = window.Sintra || {};
window.Sintra.messageList = {
  /** Scrolls to the end after the next paint; when onlyWhenNear, only if the reader is within distance of it. */
  scrollToEnd(scroller, onlyWhenNear, distance) {
    requestAnimationFrame(() => {
      if (!onlyWhenNear || scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < distance) {
        scroller.scrollTop = scroller.scrollHeight;
      }
    });
  },

  /** Scrolling to the top presses the load-earlier button, as the reader could; once per scroller. */
  loadEarlierAtTop(scroller, buttonSelector) {
    if (scroller.__loadsEarlier) {
      return;
    }
    scroller.__loadsEarlier = true;
    const remember = () => {
      scroller.__heightBefore = scroller.scrollHeight;
      scroller.__topBefore = scroller.scrollTop;
    };
    scroller.addEventListener('click', (e) => {
      if (e.target.closest(buttonSelector)) {
        remember();
      }
    }, true);
    scroller.addEventListener('scroll', () => {
      const button = scroller.querySelector(buttonSelector);
      if (scroller.scrollTop < TOP && button && !button.hidden && !button.disabled) {
        button.click();
      }
    });
  },

  /** After earlier messages were put above: the message the reader was looking at stays where it was. */
  keepPlace(scroller) {
    if (scroller.__heightBefore !== undefined) {
      scroller.scrollTop = scroller.__topBefore + scroller.scrollHeight - scroller.__heightBefore;
    }
  },
};
