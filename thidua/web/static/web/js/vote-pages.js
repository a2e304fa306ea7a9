/*
 * The voting pages' glue: reads the data-* attributes the templates write and calls
 * window.ThiduaVote (vote-protocol.js). Nothing here is inline, for the Content-Security-Policy.
 *
 * - Ballot ([data-vote-ballot]): the choice boxes have no name, so the form itself never
 *   carries a choice; on submit the choices become 0/1 answers, are encrypted and proven with
 *   the vote's public key, and only the ballot's JSON goes in the hidden "ballot" field.
 * - Trustee ([data-vote-trustee]): makes the key share here, offers the key file for download
 *   (the secret leaves this machine only as that file) and sends only the public share; later
 *   reads the key file, fetches the whole ballot box from the election record, checks every
 *   ballot's tracker and proofs and their number, adds them up here and sends only the
 *   partial decryption of that sum.
 */
(function () {
  "use strict";

  function show(element, text) {
    if (!element) return;
    element.textContent = text;
    element.hidden = !text;
  }

  // ---- The ballot -------------------------------------------------------------------------
  function answersOf(form, questions) {
    const answers = questions.map((q) => new Array(q.options).fill(0));
    form.querySelectorAll("input[data-question]").forEach(function (box) {
      if (box.checked) answers[Number(box.dataset.question)][Number(box.dataset.option)] = 1;
    });
    return answers;
  }

  function ballotProblem(form, answers, questions) {
    for (let i = 0; i < questions.length; i++) {
      const chosen = answers[i].reduce((a, b) => a + b, 0);
      if (chosen > questions[i].max) return form.dataset.msgTooMany;
      if (chosen < questions[i].min) return form.dataset.msgTooFew;
    }
    return "";
  }

  function setUpBallot(form) {
    const questions = JSON.parse(form.dataset.questions);
    const message = form.querySelector("[data-ballot-message]");
    const submit = form.querySelector("button[type=submit]");
    // Radio boxes without a name do not exclude each other by themselves.
    form.querySelectorAll("input[type=radio][data-question]").forEach(function (box) {
      box.addEventListener("change", function () {
        if (!box.checked) return;
        form.querySelectorAll("input[type=radio][data-question]").forEach(function (other) {
          const sameLine = other.closest("fieldset") === box.closest("fieldset");
          if (other !== box && sameLine && other.dataset.question === box.dataset.question) {
            other.checked = false;
          }
        });
      });
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const answers = answersOf(form, questions);
      const problem = ballotProblem(form, answers, questions);
      if (problem) {
        show(message, problem);
        return;
      }
      submit.disabled = true;
      show(message, form.dataset.msgWorking);
      // Let the page paint the message before the proofs take the processor.
      window.setTimeout(function () {
        try {
          const ballot = window.ThiduaVote.ballotEncrypt(
            form.dataset.publicKey, answers, questions, form.dataset.context,
          );
          form.querySelector("input[name=ballot]").value = JSON.stringify(ballot);
          form.submit();
        } catch (error) {
          submit.disabled = false;
          show(message, form.dataset.msgFailed + " (" + error.message + ")");
        }
      }, 20);
    });
    submit.disabled = false;
  }

  // ---- The trustee ------------------------------------------------------------------------
  function download(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    return url;
  }

  function setUpKeygen(root, message) {
    const button = root.querySelector("[data-action=keygen]");
    const form = root.querySelector("[data-key-form]");
    if (!button || !form) return;
    const submit = form.querySelector("button[type=submit]");
    const again = root.querySelector("[data-keyfile]");
    const name = "khoa-bo-phieu-" + root.dataset.vote + "-" + root.dataset.position + ".json";
    button.addEventListener("click", function () {
      try {
        const made = window.ThiduaVote.trusteeKeygen(root.dataset.context);
        const file = JSON.stringify(
          { vote: root.dataset.vote, context: root.dataset.context, secret: made.secret, key: made.key },
          null,
          1,
        );
        const url = download(name, file);
        const link = again.querySelector("a");
        link.href = url;
        link.download = name;
        again.hidden = false;
        form.querySelector("input[name=key]").value = JSON.stringify(made.key);
        button.disabled = true;
        submit.disabled = false;
      } catch (error) {
        show(message, root.dataset.msgFailed + error.message);
      }
    });
    button.disabled = false;
  }

  function readFile(file) {
    return new Promise(function (resolve, reject) {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsText(file);
    });
  }

  function failure(text) {
    const error = new Error(text);
    error.shown = true;
    return error;
  }

  async function partialFor(root, form, keyFile) {
    const keyed = JSON.parse(await readFile(keyFile));
    if (!keyed || keyed.context !== root.dataset.context) throw failure(root.dataset.msgWrongFile);
    const answer = await fetch(form.dataset.recordUrl, { credentials: "same-origin" });
    if (!answer.ok) throw new Error(String(answer.status));
    const record = await answer.json();
    const entries = record.ballots || [];
    // The number this page states comes from the server's page, the ballots from its record:
    // a box that lost or gained ballots on the way does not match, and nothing is decrypted.
    if (entries.length !== Number(form.dataset.ballots)) throw failure(root.dataset.msgCount);
    const ballots = entries.map((entry) => entry.ballot);
    entries.forEach(function (entry) {
      if (window.ThiduaVote.ballotTracker(entry.ballot) !== entry.tracker) {
        throw failure(root.dataset.msgTracker);
      }
    });
    // The file holds this trustee's share (the one the server kept), the ballots were
    // encrypted with the key this page states, and that share is part of it.
    const publicKey = form.dataset.publicKey;
    const shares = (record.trustees || []).map((share) => share.public);
    const mine = form.dataset.trusteeKey;
    if (keyed.key.public !== mine || record.public_key !== publicKey || !shares.includes(mine)) {
      throw failure(root.dataset.msgWrongFile);
    }
    const questions = JSON.parse(form.dataset.questions);
    let tally;
    try {
      // Every ballot's proofs checked, copies refused, then the sum made here.
      tally = window.ThiduaVote.tallyFromBallots(ballots, questions, {
        publicKey: publicKey,
        context: root.dataset.context,
      });
    } catch (error) {
      throw failure(root.dataset.msgProof + " (" + error.message + ")");
    }
    return window.ThiduaVote.partialDecrypt(keyed.secret, keyed.key, tally, root.dataset.context);
  }

  function setUpDecrypt(root, message) {
    const form = root.querySelector("[data-partial-form]");
    if (!form) return;
    const input = form.querySelector("[data-keyfile-input]");
    const submit = form.querySelector("button[type=submit]");
    input.addEventListener("change", function () {
      submit.disabled = !input.files.length;
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!input.files.length) return;
      submit.disabled = true;
      partialFor(root, form, input.files[0]).then(
        function (partial) {
          form.querySelector("input[name=partial]").value = JSON.stringify(partial);
          show(message, root.dataset.msgReady);
          form.submit();
        },
        function (error) {
          submit.disabled = false;
          show(message, error.shown ? error.message : root.dataset.msgFailed + error.message);
        },
      );
    });
  }

  function start() {
    document.querySelectorAll("form[data-vote-ballot]").forEach(setUpBallot);
    document.querySelectorAll("[data-vote-trustee]").forEach(function (root) {
      const message = root.querySelector("[data-trustee-message]");
      setUpKeygen(root, message);
      setUpDecrypt(root, message);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
