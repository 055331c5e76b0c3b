/* mdbook-blueprint 0.1.0: written by `mdbook-blueprint install`; do not edit. */
// Behaviour of mdbook-blueprint callouts. Without this script every callout
// is still readable: answers and explanations sit in <details>, every card
// shows its back, and the decision flow is a list of linked steps.
(function () {
  "use strict";
  document.documentElement.classList.add("bp-js");

  var store = {
    get: function (key) {
      try { return JSON.parse(window.localStorage.getItem(key)); } catch (e) { return null; }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode */ }
    },
    remove: function (key) {
      try { window.localStorage.removeItem(key); } catch (e) { /* private mode */ }
    }
  };

  function norm(text) { return String(text).trim().toLowerCase().replace(/\s+/g, " "); }

  // ---- Quiz ----
  function questionValue(q) {
    var type = q.getAttribute("data-bp-type");
    if (type === "short") { return q.querySelector("input[type=text]").value; }
    var picked = [];
    q.querySelectorAll(".bp-choices input").forEach(function (input) {
      if (input.checked) { picked.push(Number(input.value)); }
    });
    return picked;
  }

  function isRight(q, value) {
    var type = q.getAttribute("data-bp-type");
    if (type === "short") {
      var accept = JSON.parse(q.querySelector("input[type=text]").getAttribute("data-bp-accept") || "[]");
      return accept.indexOf(norm(value)) !== -1;
    }
    var correct = [];
    q.querySelectorAll(".bp-choices input").forEach(function (input) {
      if (input.hasAttribute("data-bp-correct")) { correct.push(Number(input.value)); }
    });
    return value.length === correct.length && value.every(function (v) { return correct.indexOf(v) !== -1; });
  }

  function showResult(q, right, announce) {
    q.classList.toggle("bp-right", right);
    q.classList.toggle("bp-wrong", !right);
    var feedback = q.querySelector(".bp-feedback");
    feedback.textContent = right ? "Correct." : "Not quite. See the explanation below.";
    var details = q.querySelector(".bp-answer");
    if (details) { details.open = true; }
    if (!announce) { feedback.setAttribute("aria-live", "off"); feedback.setAttribute("aria-live", "polite"); }
  }

  function clearQuestion(q) {
    q.classList.remove("bp-right", "bp-wrong");
    q.querySelector(".bp-feedback").textContent = "";
    q.querySelectorAll("input").forEach(function (input) {
      if (input.type === "text") { input.value = ""; } else { input.checked = false; }
    });
    var details = q.querySelector(".bp-answer");
    if (details) { details.open = false; }
    store.remove(q.getAttribute("data-bp-key"));
  }

  function updateScore(quiz) {
    var questions = quiz.querySelectorAll(".bp-question");
    var answered = 0, right = 0;
    questions.forEach(function (q) {
      if (q.classList.contains("bp-right")) { right++; answered++; }
      else if (q.classList.contains("bp-wrong")) { answered++; }
    });
    var score = quiz.querySelector(".bp-score");
    score.textContent = answered ? right + " of " + questions.length + " correct" +
      (answered < questions.length ? " (" + (questions.length - answered) + " not answered yet)" : "") : "";
  }

  function restoreValue(q, value) {
    if (q.getAttribute("data-bp-type") === "short") {
      q.querySelector("input[type=text]").value = value;
    } else {
      q.querySelectorAll(".bp-choices input").forEach(function (input) {
        input.checked = value.indexOf(Number(input.value)) !== -1;
      });
    }
  }

  function setupQuiz(quiz) {
    quiz.querySelectorAll(".bp-question").forEach(function (q) {
      var key = q.getAttribute("data-bp-key");
      var saved = store.get(key);
      if (saved && saved.value !== undefined) {
        restoreValue(q, saved.value);
        showResult(q, isRight(q, saved.value), false);
      }
      function check() {
        var value = questionValue(q);
        if ((Array.isArray(value) && value.length === 0) || (!Array.isArray(value) && norm(value) === "")) {
          q.querySelector(".bp-feedback").textContent = "Choose or type an answer first.";
          return;
        }
        var right = isRight(q, value);
        showResult(q, right, true);
        store.set(key, { value: value, right: right });
        updateScore(quiz);
      }
      q.querySelector(".bp-check").addEventListener("click", check);
      var text = q.querySelector("input[type=text]");
      if (text) {
        text.addEventListener("keydown", function (event) {
          if (event.key === "Enter") { event.preventDefault(); check(); }
        });
      }
    });
    quiz.querySelector(".bp-retry").addEventListener("click", function () {
      var first = null;
      quiz.querySelectorAll(".bp-question.bp-wrong").forEach(function (q) {
        clearQuestion(q);
        if (!first) { first = q; }
      });
      updateScore(quiz);
      var target = first && first.querySelector("input");
      if (target) { target.focus(); }
    });
    quiz.querySelector(".bp-reset").addEventListener("click", function () {
      quiz.querySelectorAll(".bp-question").forEach(clearQuestion);
      updateScore(quiz);
      var target = quiz.querySelector(".bp-question input");
      if (target) { target.focus(); }
    });
    updateScore(quiz);
  }

  // ---- Flashcards ----
  function setFlipped(card, flipped) {
    card.classList.toggle("bp-flipped", flipped);
    var button = card.querySelector(".bp-flip");
    button.setAttribute("aria-expanded", flipped ? "true" : "false");
    button.textContent = flipped ? "Show front only" : "Flip card";
  }

  function setupDeck(deck) {
    var list = deck.querySelector(".bp-cards");
    deck.querySelectorAll(".bp-card").forEach(function (card) {
      setFlipped(card, false);
      card.querySelector(".bp-flip").addEventListener("click", function () {
        setFlipped(card, !card.classList.contains("bp-flipped"));
      });
    });
    deck.querySelector(".bp-shuffle").addEventListener("click", function () {
      var cards = Array.prototype.slice.call(list.children);
      for (var i = cards.length - 1; i > 0; i--) {
        var j = Math.floor(Math.random() * (i + 1));
        var tmp = cards[i]; cards[i] = cards[j]; cards[j] = tmp;
      }
      cards.forEach(function (card) { setFlipped(card, false); list.appendChild(card); });
      var first = list.querySelector(".bp-flip");
      if (first) { first.focus(); }
    });
    var all = deck.querySelector(".bp-flip-all");
    all.addEventListener("click", function () {
      var show = all.getAttribute("aria-pressed") !== "true";
      all.setAttribute("aria-pressed", show ? "true" : "false");
      deck.querySelectorAll(".bp-card").forEach(function (card) { setFlipped(card, show); });
    });
  }

  // ---- Decision flow ----
  function setupDecision(box) {
    var path = box.querySelector(".bp-path");
    var trail = [];
    function show(id, focus) {
      box.querySelectorAll(".bp-flow > li").forEach(function (li) {
        li.classList.toggle("bp-current", li.id === id);
      });
      path.textContent = trail.length ? "Your answers: " + trail.join(" → ") : "";
      var current = document.getElementById(id);
      if (focus && current) { current.focus(); }
    }
    box.querySelectorAll(".bp-choice").forEach(function (link) {
      link.setAttribute("role", "button");
      link.addEventListener("click", function (event) {
        event.preventDefault();
        trail.push(link.getAttribute("data-bp-label"));
        show(link.getAttribute("href").slice(1), true);
      });
      link.addEventListener("keydown", function (event) {
        if (event.key === " ") { event.preventDefault(); link.click(); }
      });
    });
    box.querySelector(".bp-restart").addEventListener("click", function () {
      trail = [];
      show(box.getAttribute("data-bp-start"), true);
    });
    show(box.getAttribute("data-bp-start"), false);
  }

  function init() {
    document.querySelectorAll(".bp-quiz").forEach(setupQuiz);
    document.querySelectorAll(".bp-flashcards").forEach(setupDeck);
    document.querySelectorAll(".bp-decision").forEach(setupDecision);
    // Printing shows every answer.
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details.bp-answer, details.bp-interview").forEach(function (d) {
        d.setAttribute("data-bp-was-open", d.open ? "1" : "0");
        d.open = true;
      });
    });
    window.addEventListener("afterprint", function () {
      document.querySelectorAll("details[data-bp-was-open]").forEach(function (d) {
        d.open = d.getAttribute("data-bp-was-open") === "1";
        d.removeAttribute("data-bp-was-open");
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
