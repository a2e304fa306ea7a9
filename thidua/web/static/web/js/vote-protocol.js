/*
 * The browser's half of the ballot protocol (thidua/voting/protocol/ is the server's half, and
 * docs/voting.md explains both): the voter's ballot is encrypted and proven here, so the server
 * never sees a choice; a trustee's key share is drawn here and never leaves the trustee's
 * machine but as a downloaded file. Every byte hashed or written is the same as in Python, so
 * a ballot made here verifies there and has the same tracker.
 *
 * Group operations come from @noble/curves (vendored: window.nobleCurves, see
 * thidua/web/static/vendor/README.md); scalars are BigInts modulo the group order L.
 * Randomness comes from crypto.getRandomValues.
 *
 * window.ThiduaVote = {ballotEncrypt, ballotTracker, ballotVerify, trusteeKeygen,
 *                      partialDecrypt, tallyFromBallots, canonicalJson}
 */
(function () {
  "use strict";

  const noble = window.nobleCurves;
  const Point = noble.ed25519.Point;
  const L = Point.Fn.ORDER;
  const DOMAIN_PREFIX = "thidua/vote/v1/";
  const HEX32 = /^[0-9a-f]{64}$/;
  const utf8 = new TextEncoder();

  function mod(n) {
    const r = n % L;
    return r >= 0n ? r : r + L;
  }

  function randomScalar() {
    // 64 random bytes reduced modulo L, as the server does: the bias is below 2^-259.
    for (;;) {
      const bytes = new Uint8Array(64);
      crypto.getRandomValues(bytes);
      const scalar = mod(noble.bytesToNumberLE(bytes));
      if (scalar !== 0n) return scalar;
    }
  }

  // noble refuses a zero scalar in multiply(); 0·P and s·identity are the identity.
  function mul(scalar, point) {
    return scalar === 0n || point.is0() ? Point.ZERO : point.multiply(scalar);
  }

  function mulBase(scalar) {
    return scalar === 0n ? Point.ZERO : Point.BASE.multiply(scalar);
  }

  const smallMultiples = new Map();
  function smallMultiple(n) {
    if (!smallMultiples.has(n)) smallMultiples.set(n, mulBase(BigInt(n)));
    return smallMultiples.get(n);
  }

  function scalarHex(scalar) {
    return noble.bytesToHex(noble.numberToBytesLE(scalar, 32));
  }

  function pointHex(point) {
    return noble.bytesToHex(point.toBytes());
  }

  function hexBytes(value, what) {
    if (typeof value !== "string" || !HEX32.test(value)) {
      throw new Error(what + " is not 64 lowercase hexadecimal characters");
    }
    return noble.hexToBytes(value);
  }

  function scalarFromHex(value, what) {
    const scalar = noble.bytesToNumberLE(hexBytes(value, what));
    if (scalar >= L) throw new Error(what + " is not a scalar below the group order");
    return scalar;
  }

  // A point received from the server: canonical, in the prime-order subgroup, and not the
  // identity unless the protocol allows it there (a sum: the tally).
  function pointFromHex(value, what, allowIdentity) {
    const bytes = hexBytes(value, what);
    let point;
    try {
      point = Point.fromBytes(bytes);
    } catch (error) {
      throw new Error(what + " is not a point of the curve");
    }
    if (!noble.equalBytes(point.toBytes(), bytes)) throw new Error(what + " is not canonical");
    if (point.is0()) {
      if (allowIdentity) return point;
      throw new Error(what + " is the identity");
    }
    if (!point.isTorsionFree()) throw new Error(what + " is not in the prime-order group");
    return point;
  }

  function u64be(n) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(n));
    return bytes;
  }

  function partBytes(part) {
    if (part instanceof Uint8Array) return part;
    if (typeof part === "string") return utf8.encode(part);
    if (typeof part === "number") return u64be(part);
    return part.toBytes(); // a point
  }

  // SHA-512 of the length-prefixed parts (8 bytes big-endian each), reduced modulo L: the
  // first part names the statement, the second is the vote's context (encoding.py).
  function hashToScalar(domain, context, parts) {
    const chunks = [];
    for (const part of [DOMAIN_PREFIX + domain, context].concat(parts)) {
      const data = partBytes(part);
      chunks.push(u64be(data.length), data);
    }
    return mod(noble.bytesToNumberLE(noble.sha512(noble.concatBytes(...chunks))));
  }

  // What the prover committed to, recomputed: s·base − c·image (no base: the generator).
  function commitment(response, challenge, base, image) {
    const scaled = base === null ? mulBase(response) : mul(response, base);
    return scaled.subtract(mul(challenge, image));
  }

  function proofJson(challenge, response) {
    return { challenge: scalarHex(challenge), response: scalarHex(response) };
  }

  // Disjunctive Chaum–Pedersen (proofs.py, range_prove): ct encrypts m, one of low..high.
  function rangeProve(domain, context, publicKey, ct, m, r, low, high) {
    if (m < low || m > high) {
      throw new Error("the value " + m + " is outside " + low + ".." + high + ": it cannot be proven");
    }
    const nonce = randomScalar();
    const branches = new Map();
    const commitments = [];
    for (let j = low; j <= high; j++) {
      if (j === m) {
        commitments.push(mulBase(nonce), mul(nonce, publicKey));
        continue;
      }
      const challenge = randomScalar();
      const response = randomScalar();
      branches.set(j, [challenge, response]);
      const shifted = ct.beta.subtract(smallMultiple(j));
      commitments.push(
        commitment(response, challenge, null, ct.alpha),
        commitment(response, challenge, publicKey, shifted),
      );
    }
    const parts = [publicKey, low, high, ct.alpha, ct.beta].concat(commitments);
    let real = hashToScalar(domain, context, parts);
    for (const [challenge] of branches.values()) real = mod(real - challenge);
    branches.set(m, [real, mod(nonce + real * r)]);
    const proofs = [];
    for (let j = low; j <= high; j++) proofs.push(proofJson(...branches.get(j)));
    return proofs;
  }

  // proofs.py, range_check: the commitments recomputed, the challenges hashing back.
  function rangeCheck(domain, context, publicKey, ct, proofs, low, high) {
    if (!Array.isArray(proofs) || proofs.length !== high - low + 1) return false;
    let total = 0n;
    const commitments = [];
    for (let j = low; j <= high; j++) {
      const proof = proofs[j - low] || {};
      const challenge = scalarFromHex(proof.challenge, "a challenge");
      const response = scalarFromHex(proof.response, "a response");
      const shifted = ct.beta.subtract(smallMultiple(j));
      commitments.push(
        commitment(response, challenge, null, ct.alpha),
        commitment(response, challenge, publicKey, shifted),
      );
      total = mod(total + challenge);
    }
    const parts = [publicKey, low, high, ct.alpha, ct.beta].concat(commitments);
    return hashToScalar(domain, context, parts) === total;
  }

  function sameKeys(obj, names) {
    return (
      obj !== null && typeof obj === "object" && !Array.isArray(obj) &&
      Object.keys(obj).sort().join(",") === names.slice().sort().join(",")
    );
  }

  // ballot.py, ballot_verify: every ciphertext a fresh group element, every proof holding,
  // for this vote's context and key. False for anything malformed.
  function ballotVerify(publicKeyHex, ballotJson, questions, context) {
    try {
      const publicKey = pointFromHex(publicKeyHex, "the vote's public key", false);
      if (!sameKeys(ballotJson, ["answers"]) || !Array.isArray(ballotJson.answers)) return false;
      if (ballotJson.answers.length !== questions.length) return false;
      return ballotJson.answers.every(function (answer, i) {
        const question = questions[i];
        if (!sameKeys(answer, ["choices", "choice_proofs", "overall_proof"])) return false;
        if (!Array.isArray(answer.choices) || answer.choices.length !== question.options) return false;
        if (!Array.isArray(answer.choice_proofs)) return false;
        if (answer.choice_proofs.length !== question.options) return false;
        let total = { alpha: Point.ZERO, beta: Point.ZERO };
        for (let k = 0; k < answer.choices.length; k++) {
          const json = answer.choices[k];
          if (!sameKeys(json, ["alpha", "beta"])) return false;
          const ct = {
            alpha: pointFromHex(json.alpha, "a choice", false),
            beta: pointFromHex(json.beta, "a choice", false),
          };
          if (!rangeCheck("choice", context, publicKey, ct, answer.choice_proofs[k], 0, 1)) {
            return false;
          }
          total = { alpha: total.alpha.add(ct.alpha), beta: total.beta.add(ct.beta) };
        }
        return rangeCheck(
          "answer", context, publicKey, total, answer.overall_proof, question.min, question.max,
        );
      });
    } catch (error) {
      return false;
    }
  }

  function ciphertextJson(ct) {
    return { alpha: pointHex(ct.alpha), beta: pointHex(ct.beta) };
  }

  function checkQuestions(answers, questions) {
    if (!Array.isArray(answers) || answers.length !== questions.length) {
      throw new Error("one answer per question is needed");
    }
    answers.forEach(function (answer, i) {
      const question = questions[i];
      if (!Array.isArray(answer) || answer.length !== question.options) {
        throw new Error("answer " + i + " has not " + question.options + " choices");
      }
      if (!answer.every((choice) => choice === 0 || choice === 1)) {
        throw new Error("answer " + i + ": each choice is 0 or 1; it cannot be proven");
      }
      const chosen = answer.reduce((a, b) => a + b, 0);
      if (chosen < question.min || chosen > question.max) {
        throw new Error("answer " + i + " chooses " + chosen + ", not " + question.min + ".." + question.max);
      }
    });
  }

  // The voter's ballot: per question, each option encrypted and proven 0 or 1, and the sum
  // proven within min..max (ballot.py, ballot_encrypt). Returns the ballot's JSON.
  function ballotEncrypt(publicKeyHex, answers, questions, context) {
    checkQuestions(answers, questions);
    const publicKey = pointFromHex(publicKeyHex, "the vote's public key", false);
    return {
      answers: answers.map(function (answer, i) {
        const question = questions[i];
        const randomness = answer.map(() => randomScalar());
        const choices = answer.map((m, k) => ({
          alpha: mulBase(randomness[k]),
          beta: smallMultiple(m).add(mul(randomness[k], publicKey)),
        }));
        const choiceProofs = choices.map((ct, k) =>
          rangeProve("choice", context, publicKey, ct, answer[k], randomness[k], 0, 1),
        );
        const total = choices.reduce(
          (sum, ct) => ({ alpha: sum.alpha.add(ct.alpha), beta: sum.beta.add(ct.beta) }),
          { alpha: Point.ZERO, beta: Point.ZERO },
        );
        const totalR = randomness.reduce((a, b) => mod(a + b), 0n);
        const chosen = answer.reduce((a, b) => a + b, 0);
        return {
          choices: choices.map(ciphertextJson),
          choice_proofs: choiceProofs,
          overall_proof: rangeProve(
            "answer", context, publicKey, total, chosen, totalR, question.min, question.max,
          ),
        };
      }),
    };
  }

  // Keys sorted, no spaces: Python's json.dumps(sort_keys=True, separators=(",", ":")) for
  // the ASCII-only values the protocol writes.
  function canonicalJson(value) {
    if (Array.isArray(value)) return "[" + value.map(canonicalJson).join(",") + "]";
    if (value !== null && typeof value === "object") {
      return (
        "{" +
        Object.keys(value)
          .sort()
          .map((key) => JSON.stringify(key) + ":" + canonicalJson(value[key]))
          .join(",") +
        "}"
      );
    }
    return JSON.stringify(value);
  }

  function ballotTracker(ballotJson) {
    return noble.bytesToHex(noble.sha256(utf8.encode(canonicalJson(ballotJson))));
  }

  // A trustee's share: the secret stays on this machine (downloaded as a file); the public
  // share goes to the server with a Schnorr proof that the trustee knows its secret (keys.py).
  function trusteeKeygen(context) {
    const secret = randomScalar();
    const publicPoint = mulBase(secret);
    const nonce = randomScalar();
    const challenge = hashToScalar("key", context, [publicPoint, mulBase(nonce)]);
    return {
      secret: scalarHex(secret),
      key: {
        public: pointHex(publicPoint),
        proof: proofJson(challenge, mod(nonce + challenge * secret)),
      },
    };
  }

  // The tally of every ballot of the box, computed here from the published ballots rather
  // than trusted from the server, so a trustee never decrypts a chosen subset (tally.py).
  // With check = {publicKey, context}, each ballot is verified first and copied ballots (a
  // ciphertext met twice) are refused; the trustee's page should pass it.
  function tallyFromBallots(ballots, questions, check) {
    if (check) {
      const seen = new Set();
      ballots.forEach(function (ballot, n) {
        if (!ballotVerify(check.publicKey, ballot, questions, check.context)) {
          throw new Error("ballot " + (n + 1) + " does not verify");
        }
        ballot.answers.forEach(function (answer) {
          answer.choices.forEach(function (ct) {
            if (seen.has(ct.alpha)) throw new Error("ballot " + (n + 1) + " repeats a ciphertext");
            seen.add(ct.alpha);
          });
        });
      });
    }
    const totals = questions.map((q) =>
      Array.from({ length: q.options }, () => ({ alpha: Point.ZERO, beta: Point.ZERO })),
    );
    ballots.forEach(function (ballot, n) {
      if (!ballot || !Array.isArray(ballot.answers) || ballot.answers.length !== questions.length) {
        throw new Error("ballot " + n + " does not answer the vote's questions");
      }
      ballot.answers.forEach(function (answer, i) {
        if (!Array.isArray(answer.choices) || answer.choices.length !== questions[i].options) {
          throw new Error("ballot " + n + " does not answer the vote's questions");
        }
        answer.choices.forEach(function (ct, j) {
          const what = "ballot " + n + " answer " + i + " choice " + j;
          totals[i][j] = {
            alpha: totals[i][j].alpha.add(pointFromHex(ct.alpha, what, false)),
            beta: totals[i][j].beta.add(pointFromHex(ct.beta, what, false)),
          };
        });
      });
    });
    return { answers: totals.map((answer) => answer.map(ciphertextJson)) };
  }

  // A trustee's factor x·alpha per option of the tally, each with a Chaum–Pedersen proof that
  // it uses the x of the trustee's public share (tally.py, partial_decrypt).
  function partialDecrypt(secretHex, keyJson, tallyJson, context) {
    const secret = scalarFromHex(secretHex, "the secret key");
    const publicPoint = pointFromHex(keyJson.public, "the trustee key", false);
    if (!mulBase(secret).equals(publicPoint)) {
      throw new Error("this secret is not the one of this trustee key");
    }
    const factors = [];
    const proofs = [];
    tallyJson.answers.forEach(function (answer, i) {
      const answerFactors = [];
      const answerProofs = [];
      answer.forEach(function (ctJson, j) {
        const what = "the tally of answer " + i + " option " + j;
        const alpha = pointFromHex(ctJson.alpha, what, true);
        const beta = pointFromHex(ctJson.beta, what, true);
        const factor = mul(secret, alpha);
        const nonce = randomScalar();
        const challenge = hashToScalar("decrypt", context, [
          publicPoint, alpha, beta, factor, mulBase(nonce), mul(nonce, alpha),
        ]);
        answerFactors.push(pointHex(factor));
        answerProofs.push(proofJson(challenge, mod(nonce + challenge * secret)));
      });
      factors.push(answerFactors);
      proofs.push(answerProofs);
    });
    return { trustee: pointHex(publicPoint), factors: factors, proofs: proofs };
  }

  window.ThiduaVote = Object.freeze({
    ballotEncrypt: ballotEncrypt,
    ballotTracker: ballotTracker,
    ballotVerify: ballotVerify,
    canonicalJson: canonicalJson,
    partialDecrypt: partialDecrypt,
    tallyFromBallots: tallyFromBallots,
    trusteeKeygen: trusteeKeygen,
  });
})();
