"""A `camelot-2` requester written from docs/envelope.md alone, run against a live Camelot.

Like avalon_style_client.py it uses Avalon's libraries (pycryptodomex for RSA-OAEP and AES-GCM,
python-ecdsa for secp256k1), so it is a second, independent implementation of the hardened envelope:
the canonical encoding (§1), the request hash (§2), the AAD (§3), request sealing (§4), the
worker's refusals (§5), the result (§6) and the requester's checks (§7). Worker lookup, JSON-RPC,
result polling and the check/summary lines come from avalon_style_client.py.

Usage: python hardened_client.py URL [WORKER_NAME [ext-key|pool-key]] [--vector PATH]
       python hardened_client.py --vector PATH          (the test vector only, no server)

With no WORKER_NAME it talks to the singleton and also checks docs/envelope-vector.json (§8) if the
repository this file lives in has one. With a pool name and its signature scheme, pool results are
verified as §6 says: workerSignature with the registry key, or (ext-key) the registry key's vouch for
extVerificationKey bound to the request hash, then workerSignature with the ext key.
"""

import argparse
import base64
import hashlib
import json
import os
import secrets
import sys

import avalon_style_client as avalon
import ecdsa
from Cryptodome.Cipher import AES, PKCS1_OAEP
from Cryptodome.PublicKey import RSA
from ecdsa.util import sigencode_der

VERSION = "camelot-2"
WORKLOAD = "echo-result"
check = avalon.check
sha256 = avalon.sha256


# §1 Canonical encoding.

def S(text):
    """A text field: 0x00 if absent (None), else 0x01, 4-byte big-endian UTF-8 length, the bytes."""
    if text is None:
        return b"\x00"
    if not isinstance(text, str):
        raise TypeError(f"text field expected, got {text!r}")
    return B(text.encode("utf-8"))


def N(number):
    """An integer field: S of its decimal text, or 0x00 if absent."""
    if number is None:
        return b"\x00"
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError(f"integer field expected, got {number!r}")
    return S(str(number))


def B(data):
    return b"\x01" + len(data).to_bytes(4, "big") + data


def L(items):
    """inData/outData: count, then each item in ascending index order."""
    if items is None:
        return b"\x00"
    encoded = b"\x01" + len(items).to_bytes(4, "big")
    for item in sorted(items, key=lambda i: i["index"]):
        encoded += (N(item.get("index")) + S(item.get("dataHash")) + S(item.get("data"))
                    + S(item.get("encryptedDataEncryptionKey")) + S(item.get("iv")))
    return encoded


def P(links):
    """A result's predecessors, in the order listed."""
    if links is None:
        return b"\x00"
    encoded = b"\x01" + len(links).to_bytes(4, "big")
    for link in links:
        encoded += S(link.get("workOrderId")) + S(link.get("responseHash"))
    return encoded


def dependencies_text(dependencies):
    """The canonical text of the dependencies extension (docs/dependencies.md), None if absent."""
    if dependencies is None:
        return None
    return ("after=" + ",".join(dependencies.get("after") or [])
            + "\nreads=" + ",".join(dependencies.get("reads") or [])
            + "\nwrites=" + ",".join(dependencies.get("writes") or [])
            + "\ninputFrom=" + ",".join(f"{h['index']};{h['workOrderId']};{h['outputIndex']}"
                                        for h in dependencies.get("inputFrom") or []))


# §2, §3, §6 hashes and associated data.

def request_hash(p):
    return sha256(
        S("camelot-2/request") + S(p.get("envelopeVersion")) + S(p.get("requesterNonce"))
        + S(p.get("workOrderId")) + S(p.get("workerId")) + S(p.get("workloadId"))
        + S(p.get("requesterId")) + N(p.get("responseTimeoutMSecs")) + S(p.get("payloadFormat"))
        + S(p.get("resultUri")) + S(p.get("notifyUri")) + S(p.get("workerEncryptionKey"))
        + S(p.get("dataEncryptionAlgorithm")) + S(p.get("encryptedSessionKey"))
        + S(p.get("verifyingKey")) + L(p.get("inData")) + L(p.get("outData"))
        + S(dependencies_text(p.get("dependencies"))))


def aad(purpose, index, work_order_id):
    return S("camelot-2/aad") + S(purpose) + N(index) + S(work_order_id)


def response_hash(r, req_hash):
    return sha256(
        S("camelot-2/response") + S(r.get("envelopeVersion")) + B(req_hash) + S(r.get("workerNonce"))
        + S(r.get("workOrderId")) + S(r.get("workerId")) + S(r.get("workloadId"))
        + S(r.get("requesterId")) + L(r.get("outData")) + P(r.get("predecessors")))


def ext_key_digest(ext_verification_key, req_hash):
    return sha256(S("camelot-2/ext-key") + S(ext_verification_key) + B(req_hash))


def seal(key, iv, plaintext, associated):
    cipher = AES.new(key, AES.MODE_GCM, nonce=iv)
    cipher.update(associated)
    ciphertext, tag = cipher.encrypt_and_digest(plaintext)
    return ciphertext + tag


def open_sealed(key, iv, data, associated):
    """AES-GCM decryption with AAD; None if the tag does not verify."""
    if len(data) < 16:
        return None
    cipher = AES.new(key, AES.MODE_GCM, nonce=iv)
    cipher.update(associated)
    try:
        return cipher.decrypt_and_verify(data[:-16], data[-16:])
    except ValueError:
        return None


def is_session_key_item(item):
    return item.get("encryptedDataEncryptionKey") in (None, "", "null")


def iv_bytes(text):
    """The 12 bytes of a hex IV, or None if it is missing, not hex or not 12 bytes."""
    try:
        raw = bytes.fromhex(text)
    except (TypeError, ValueError):
        return None
    return raw if len(raw) == 12 else None


# §4 Sealing a request.

class Sealed:
    """A sealed camelot-2 request and what only its requester knows."""

    def __init__(self, params, session_key, plaintexts, signing_key):
        self.params = params
        self.session_key = session_key
        self.plaintexts = plaintexts
        self.signing_key = signing_key
        self.digest = None

    def session_input(self, index, plaintext, iv=None):
        iv = iv or secrets.token_bytes(12)
        return {"index": index,
                "data": base64.b64encode(seal(self.session_key, iv, plaintext,
                                              aad("in", index, self.params["workOrderId"]))).decode(),
                "iv": iv.hex().upper()}

    def finish(self, iv0=None):
        """Steps 5 to 7: the request hash, its encryption under a fresh IV, the signature.

        Called again after a test changes the request, so the only defect is the one under test."""
        p = self.params
        for field in ("sessionKeyIv", "encryptedRequestHash", "requesterSignature"):
            p.pop(field, None)
        self.digest = request_hash(p)
        iv0 = iv0 or secrets.token_bytes(12)
        p["sessionKeyIv"] = iv0.hex().upper()
        p["encryptedRequestHash"] = seal(self.session_key, iv0, self.digest,
                                         aad("request-hash", 0, p["workOrderId"])).hex().upper()
        if self.signing_key is not None:
            p["requesterSignature"] = base64.b64encode(self.signing_key.sign_digest_deterministic(
                self.digest, sigencode=sigencode_der)).decode()
        return self


def new_request(type_data, worker_id, texts, signing_key=None, edek_forms=None):
    """A camelot-2 echo-result request with one session-key input per text.

    edek_forms optionally gives, per input, how "session key" is spelled: None (field absent), ""
    or "null" (all three mean the session key, §4.2)."""
    session_key = secrets.token_bytes(32)
    params = {
        "envelopeVersion": VERSION,
        "workOrderId": secrets.token_hex(32),
        "responseTimeoutMSecs": 6000,
        "payloadFormat": "JSON-RPC",
        "requesterNonce": secrets.token_hex(16),
        "workloadId": WORKLOAD.encode("utf-8").hex(),
        "workerId": worker_id,
        "requesterId": secrets.token_hex(32),
        "workerEncryptionKey": type_data["encryptionKey"].encode("utf-8").hex(),
        "dataEncryptionAlgorithm": "AES-GCM-256",
        "encryptedSessionKey": PKCS1_OAEP.new(RSA.import_key(type_data["encryptionKey"]))
        .encrypt(session_key).hex().upper(),
    }
    if signing_key is not None:
        params["verifyingKey"] = signing_key.get_verifying_key().to_pem().decode()  # before hashing
    sealed = Sealed(params, session_key, list(texts), signing_key)
    params["inData"] = []
    for i, text in enumerate(texts):
        item = sealed.session_input(i, text.encode("utf-8"))
        if edek_forms is not None and edek_forms[i] is not None:
            item["encryptedDataEncryptionKey"] = edek_forms[i]
        params["inData"].append(item)
    return sealed.finish()


# Submitting and checking results.

def submit(client, params):
    """(submit reply, stored reply or None if the submit was not acknowledged with code 5)."""
    reply = client.call("WorkOrderSubmit", params)
    if reply.get("error", {}).get("code") == 5:
        return reply, avalon.await_result(client, params["workOrderId"])
    return reply, None


def verify_result(label, type_data, sealed, result, scheme=None):
    """§7, with §6's pool signatures; returns the decrypted outputs as text (None where one fails)."""
    p = sealed.params
    check(f"{label}: result envelopeVersion is camelot-2", result.get("envelopeVersion") == VERSION,
          repr(result.get("envelopeVersion")))
    for field in ("workOrderId", "workloadId", "workerId", "requesterId"):
        check(f"{label}: result echoes {field} verbatim", result.get(field) == p[field],
              f"{result.get(field)!r} != {p[field]!r}")
    check(f"{label}: workerNonce present", isinstance(result.get("workerNonce"), str)
          and result["workerNonce"] != "", repr(result.get("workerNonce")))
    digest = response_hash(result, sealed.digest)
    signature = base64.b64decode(result.get("workerSignature", ""))
    ext_key = result.get("extVerificationKey")
    if scheme == "ext-key":
        check(f"{label}: result carries extVerificationKey", ext_key is not None, json.dumps(result))
        if ext_key is not None:
            vouch = base64.b64decode(result.get("extVerificationKeySignature", ""))
            check(f"{label}: the pool key vouches for the ext key bound to this request hash",
                  avalon.verify_digest(type_data["verificationKey"], vouch,
                                       ext_key_digest(ext_key, sealed.digest)))
            check(f"{label}: workerSignature verifies over the camelot-2 response hash with the ext key",
                  avalon.verify_digest(ext_key, signature, digest))
    else:
        check(f"{label}: result carries no extVerificationKey", ext_key is None, json.dumps(result))
        check(f"{label}: workerSignature verifies over the camelot-2 response hash",
              avalon.verify_digest(type_data["verificationKey"], signature, digest))
    items = sorted(result.get("outData") or [], key=lambda i: i["index"])
    ivs = [item.get("iv") for item in items]
    check(f"{label}: every output has its own 12-byte hex iv",
          all(iv_bytes(iv) is not None for iv in ivs), json.dumps(ivs))
    used = [iv_bytes(item["iv"]) for item in p["inData"] if item.get("iv")] + [iv_bytes(p["sessionKeyIv"])]
    out_ivs = [iv_bytes(iv) for iv in ivs]
    check(f"{label}: output ivs are distinct from each other and from the request's",
          len(set(out_ivs)) == len(out_ivs) and not set(out_ivs) & set(used), json.dumps(ivs))
    check(f"{label}: no dataHash on encrypted outputs",
          all(item.get("dataHash") is None for item in items), json.dumps(items))
    check(f"{label}: encryptedDataEncryptionKey is \"\" on session-key outputs",
          all(item.get("encryptedDataEncryptionKey") == "" for item in items), json.dumps(items))
    outputs = []
    for item in items:
        iv = iv_bytes(item.get("iv"))
        plaintext = None if iv is None else open_sealed(
            sealed.session_key, iv, base64.b64decode(item.get("data", "")),
            aad("out", item["index"], p["workOrderId"]))
        check(f"{label}: output {item['index']} decrypts under AAD(\"out\", {item['index']}, workOrderId)",
              plaintext is not None)
        outputs.append(None if plaintext is None else plaintext.decode("utf-8"))
    return outputs


def run_echo(label, client, type_data, worker_id, texts, signing_key, scheme, edek_forms=None):
    sealed = new_request(type_data, worker_id, texts, signing_key, edek_forms)
    ack, reply = submit(client, sealed.params)
    check(f"{label}: submit acknowledged with code 5", reply is not None, json.dumps(ack))
    if reply is None:
        return sealed, None
    check(f"{label}: completed", "result" in reply, json.dumps(reply))
    if "result" not in reply:
        return sealed, None
    outputs = verify_result(label, type_data, sealed, reply["result"], scheme)
    expected = [f"RESULT: {t}" for t in texts]
    check(f"{label}: outputs are echo-result's", outputs == expected, f"{outputs!r} != {expected!r}")
    return sealed, reply["result"]


def expect_refused(label, client, params, any_stored_error=False):
    """Refused with code 2 at submit, or as the stored result (any stored error if allowed)."""
    ack, reply = submit(client, params)
    if reply is None:
        code = ack.get("error", {}).get("code")
        check(f"{label}: refused with code 2", code == 2, json.dumps(ack))
    elif "result" in reply:
        check(f"{label}: refused", False, "accepted and answered: " + json.dumps(reply))
    else:
        code = reply["error"]["code"]
        what = "a stored error" if any_stored_error else "code 2"
        check(f"{label}: refused with {what}", code == 2 or any_stored_error, json.dumps(reply))


def shifted(params):
    """The legacy boundary shift: requesterNonce = N + V[0], workOrderId = V[1:]."""
    moved = json.loads(json.dumps(params))
    work_order_id = params["workOrderId"]
    moved["requesterNonce"] = params["requesterNonce"] + work_order_id[0]
    moved["workOrderId"] = work_order_id[1:]
    return moved


def negative_checks(client, type_data, worker_id, signing_key):
    # (a) verifyingKey present, requesterSignature stripped.
    sealed = new_request(type_data, worker_id, ["stripped"], signing_key)
    del sealed.params["requesterSignature"]
    expect_refused("4a camelot-2 with verifyingKey but requesterSignature removed", client, sealed.params)

    # (b) Mixed forms: a session-key input without iv (sealed as in avalon-1, under sessionKeyIv, no
    # AAD), and an encrypted input with a dataHash; each otherwise correctly sealed and hashed.
    sealed = new_request(type_data, worker_id, ["one", "two"])
    legacy_iv = secrets.token_bytes(12)
    sealed.params["inData"][1] = {"index": 1, "data": base64.b64encode(
        avalon.aes_gcm_encrypt(sealed.session_key, legacy_iv, b"two")).decode()}
    sealed.finish(iv0=legacy_iv)
    expect_refused("4b mixed form: a session-key input without iv", client, sealed.params)
    sealed = new_request(type_data, worker_id, ["one", "two"])
    sealed.params["inData"][0]["dataHash"] = sha256(b"one").hex().upper()
    sealed.finish()
    expect_refused("4b' mixed form: an encrypted input with a dataHash", client, sealed.params)

    # (c) The legacy boundary shift: same legacy hash, refused as a replay.
    params, _, _, reply = avalon.run_work_order(client, type_data, worker_id, WORKLOAD, ["replay"])
    check("4c legacy original completed", "result" in reply, json.dumps(reply))
    moved = shifted(params)
    check("4c the shifted legacy request has the same legacy request hash",
          avalon.request_hash(moved) == avalon.request_hash(params))
    expect_refused("4c legacy boundary-shift replay", client, moved)
    # Control: the shifted form is a valid request by itself (a 63-character id is fine), so the
    # refusal above is the replay rule; and the original is then refused as the replay.
    params, _, _ = avalon.build_work_order(type_data, worker_id, WORKLOAD, ["control"], None, False)
    ack, reply = submit(client, shifted(params))
    check("4c control: a fresh shifted legacy request is accepted and completes",
          reply is not None and "result" in reply, json.dumps(reply or ack))
    expect_refused("4c control: its unshifted original is then refused as a replay", client, params)

    # (d) The same shift on a camelot-2 request.
    sealed = new_request(type_data, worker_id, ["shift"], signing_key)
    ack, reply = submit(client, sealed.params)
    check("4d camelot-2 original completed", reply is not None and "result" in reply,
          json.dumps(reply or ack))
    moved = shifted(sealed.params)
    check("4d the shift changes the camelot-2 request hash", request_hash(moved) != sealed.digest)
    expect_refused("4d camelot-2 boundary shift", client, moved)

    # (e) Inputs 0 and 1 swapped (ciphertext and iv), the request re-hashed and re-sealed so that
    # only the AAD binding can catch it; and the same swap in transit (not re-hashed).
    sealed = new_request(type_data, worker_id, ["first", "second"])
    in0, in1 = sealed.params["inData"]
    in0["data"], in1["data"] = in1["data"], in0["data"]
    in0["iv"], in1["iv"] = in1["iv"], in0["iv"]
    sealed.finish()
    expect_refused("4e inputs 0 and 1 swapped, re-sealed", client, sealed.params, any_stored_error=True)
    sealed = new_request(type_data, worker_id, ["first", "second"])
    in0, in1 = sealed.params["inData"]
    in0["data"], in1["data"] = in1["data"], in0["data"]
    in0["iv"], in1["iv"] = in1["iv"], in0["iv"]
    expect_refused("4e' inputs 0 and 1 swapped in transit", client, sealed.params)

    # Fields Avalon's hash left out, changed in transit (review L10), and an unknown version (§5.1).
    sealed = new_request(type_data, worker_id, ["late"], signing_key)
    sealed.params["notifyUri"] = "http://127.0.0.1:9/attacker"
    expect_refused("4f notifyUri added in transit", client, sealed.params)
    sealed = new_request(type_data, worker_id, ["late"], signing_key)
    sealed.params["responseTimeoutMSecs"] = 6001
    expect_refused("4g responseTimeoutMSecs changed in transit", client, sealed.params)
    sealed = new_request(type_data, worker_id, ["future"])
    sealed.params["envelopeVersion"] = "camelot-3"
    sealed.finish()
    expect_refused("4h an unknown envelopeVersion", client, sealed.params)


# §8 The test vector.

def check_vector(path):
    """Checks docs/envelope-vector.json (§8) with this file's implementation of the page.

    The layout (as EnvelopeVectorTest writes it): "sessionKey" (hex K), "workerVerificationKey"
    (PEM), "requestHash" and "responseHash" (hex), "aad" ({"<purpose>/<index>": hex of the AAD
    bytes}), "inputs" and "outputs" (UTF-8 plaintexts by index), "request" (the WorkOrderSubmit
    params) and "result" (the WorkOrderGetResult result). With a pool's ext key in the result, the
    vouch is checked with workerVerificationKey."""
    name = "vector"
    with open(path, encoding="utf-8") as f:
        vector = json.load(f)
    key = bytes.fromhex(vector["sessionKey"])
    request, result = vector["request"], vector["result"]
    worker_key = vector["workerVerificationKey"]
    work_order_id = request["workOrderId"]

    for label, expected in (vector.get("aad") or {}).items():
        purpose, index = label.rsplit("/", 1)
        ours = aad(purpose, int(index), work_order_id)
        check(f"{name}: AAD {label} is S(\"camelot-2/aad\") S(purpose) N(index) S(workOrderId)",
              ours.hex().upper() == expected.upper(), f"{ours.hex().upper()} != {expected}")
    digest = request_hash(request)
    check(f"{name}: envelopeVersion is camelot-2 in request and result",
          request.get("envelopeVersion") == VERSION and result.get("envelopeVersion") == VERSION)
    check(f"{name}: recomputed requestHash matches", digest.hex().upper() == vector["requestHash"].upper(),
          f"{digest.hex().upper()} != {vector['requestHash']}")
    header_iv = iv_bytes(request.get("sessionKeyIv"))
    opened = None if header_iv is None else open_sealed(
        key, header_iv, bytes.fromhex(request["encryptedRequestHash"]),
        aad("request-hash", 0, work_order_id))
    check(f"{name}: encryptedRequestHash decrypts to the requestHash", opened == digest,
          opened.hex() if opened else "tag failed")
    if request.get("requesterSignature") is not None or request.get("verifyingKey") is not None:
        check(f"{name}: requesterSignature verifies with verifyingKey",
              avalon.verify_digest(request["verifyingKey"], base64.b64decode(request["requesterSignature"]),
                                   digest))
    inputs = _open_items(name, "in", key, request.get("inData") or [], work_order_id)
    if vector.get("inputs") is not None:
        check(f"{name}: inputs decrypt to the given plaintexts",
              inputs == [t.encode("utf-8") for t in vector["inputs"]], repr(inputs))

    rdigest = response_hash(result, digest)
    check(f"{name}: recomputed responseHash matches", rdigest.hex().upper() == vector["responseHash"].upper(),
          f"{rdigest.hex().upper()} != {vector['responseHash']}")
    signature = base64.b64decode(result["workerSignature"])
    ext_key = result.get("extVerificationKey")
    if ext_key is not None:
        check(f"{name}: the worker key vouches for extVerificationKey",
              avalon.verify_digest(worker_key, base64.b64decode(result["extVerificationKeySignature"]),
                                   ext_key_digest(ext_key, digest)))
    check(f"{name}: workerSignature verifies over the responseHash",
          avalon.verify_digest(ext_key or worker_key, signature, rdigest))
    outputs = _open_items(name, "out", key, result.get("outData") or [], work_order_id)
    if vector.get("outputs") is not None:
        check(f"{name}: outputs decrypt to the given plaintexts",
              outputs == [t.encode("utf-8") for t in vector["outputs"]], repr(outputs))


def _open_items(name, direction, key, items, work_order_id):
    """Opens every item of inData ("in") or outData ("out") as §4/§6 seal it; returns plaintexts."""
    plaintexts = []
    for item in sorted(items, key=lambda i: i["index"]):
        index, edek = item["index"], item.get("encryptedDataEncryptionKey")
        what = f"{name}: {direction}Data[{index}]"
        data = base64.b64decode(item.get("data") or "")
        if edek == "-":
            plaintexts.append(data)
            if item.get("dataHash") is not None:
                check(f"{what} plaintext dataHash is its SHA-256",
                      item["dataHash"].upper() == sha256(data).hex().upper())
            continue
        if direction == "in" and item.get("data") == "":
            plaintexts.append(b"")  # a hand-off placeholder
            continue
        check(f"{what} has no dataHash", item.get("dataHash") is None)
        check(f"{what} has a 12-byte iv", iv_bytes(item.get("iv")) is not None)
        if is_session_key_item(item):
            plain = open_sealed(key, iv_bytes(item.get("iv")) or bytes(12), data,
                                aad(direction, index, work_order_id))
            check(f"{what} decrypts under the session key and AAD(\"{direction}\", {index}, id)",
                  plain is not None)
        else:
            raw = bytes.fromhex(edek)
            wrapped = open_sealed(key, raw[:12], raw[12:], aad(f"{direction}-key", index, work_order_id))
            check(f"{what} encryptedDataEncryptionKey decrypts under AAD(\"{direction}-key\", {index}, id)",
                  wrapped is not None)
            plain = None  # under the data key D, which the vector does not reveal
        plaintexts.append(plain)
    return plaintexts


# Main.

def main(url, worker_name, scheme, vector_path):
    try:
        if url is not None:
            run_server_checks(url, worker_name, scheme)
        if vector_path is not None:
            if os.path.exists(vector_path):
                check_vector(vector_path)
            else:
                print(f"(no test vector at {vector_path})")
    except Exception as e:  # a crash is a failure, and the summary line is still printed
        check("no unexpected exception", False, repr(e))
    print(f"{avalon.RESULTS['passed']} passed, {avalon.RESULTS['failed']} failed")
    return 1 if avalon.RESULTS["failed"] else 0


def run_server_checks(url, worker_name, scheme):
    client = avalon.Client(url)
    worker_id = hashlib.sha256(worker_name.encode("utf-8")).hexdigest()
    lookup = client.call("WorkerLookUp", {"workerType": 1})["result"]
    check(f"WorkerLookUp finds {worker_name}", worker_id in lookup["ids"])
    type_data = avalon.retrieve_worker(client, worker_id)
    versions = type_data.get("envelopeVersions")
    check("1 workerTypeData.envelopeVersions is a list of strings",
          isinstance(versions, list) and all(isinstance(v, str) for v in versions), repr(versions))
    check("1 the worker advertises camelot-2", isinstance(versions, list) and VERSION in versions,
          repr(versions))

    signing_key = ecdsa.SigningKey.generate(curve=ecdsa.SECP256k1)
    steps = [
        ("2 signed camelot-2 echo", lambda: run_echo(
            "2 signed camelot-2 echo", client, type_data, worker_id, ["Hello", "hardened"],
            signing_key, scheme)),
        # Session key spelled "" and "null" (§4.2), one input empty (still encrypted).
        ("3 unsigned camelot-2 echo", lambda: run_echo(
            "3 unsigned camelot-2 echo", client, type_data, worker_id, ["", "unsigned"], None, scheme,
            edek_forms=["", "null"])),
        ("4 negative checks", lambda: negative_checks(client, type_data, worker_id, signing_key)),
    ]
    for label, step in steps:
        try:
            step()
        except Exception as e:
            check(f"{label}: ran without an exception", False, repr(e))


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description="camelot-2 requester checks (docs/envelope.md)")
    parser.add_argument("url", nargs="?")
    parser.add_argument("worker_name", nargs="?", default=avalon.WORKER_NAME)
    parser.add_argument("scheme", nargs="?", choices=("ext-key", "pool-key"))
    parser.add_argument("--vector", help="test vector file (default: docs/envelope-vector.json of "
                        "this repository, checked in the singleton run)")
    args = parser.parse_args()
    vector = args.vector
    if vector is None and args.scheme is None:
        vector = os.path.join(here, "..", "..", "docs", "envelope-vector.json")
    if args.url is None and args.vector is None:
        parser.error("give a URL, --vector PATH, or both")
    sys.exit(main(args.url, args.worker_name, args.scheme, vector))
