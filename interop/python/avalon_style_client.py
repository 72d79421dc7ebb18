"""An Avalon-style requester, written from Camelot's wire reference, run against a live Camelot.

It uses the libraries Avalon's Python client uses (pycryptodomex for RSA-OAEP and AES-GCM,
python-ecdsa for secp256k1) and builds requests the way Avalon's clients do: hex and base64 as they
send them, a 76-column python-ecdsa PEM, "0x"-prefixed ids and lower-case hashes as Demo.py sends
them. Every check is an independent re-implementation in another language of what the Java SDK
does, so a byte-level disagreement between the two shows up here.

Usage: python avalon_style_client.py http://127.0.0.1:1947
"""

import base64
import hashlib
import json
import secrets
import sys
import time
import urllib.request

import ecdsa
from Cryptodome.Cipher import AES, PKCS1_OAEP
from Cryptodome.PublicKey import RSA
from ecdsa.util import sigdecode_der, sigencode_der

WORKER_NAME = "singleton-worker-1"
RESULTS = {"passed": 0, "failed": 0}


class Client:
    def __init__(self, url):
        self.url = url
        self.next_id = 1

    def call(self, method, params):
        self.next_id += 1
        body = json.dumps({"jsonrpc": "2.0", "method": method, "id": self.next_id, "params": params})
        request = urllib.request.Request(
            self.url, data=body.encode("utf-8"), headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            # Avalon's HttpJrpcClient drops any reply whose Content-Type is not exactly this.
            content_type = response.headers.get("Content-Type")
            if content_type != "application/json":
                raise AssertionError(f"{method}: Content-Type {content_type!r}")
            return json.loads(response.read())


def check(name, condition, detail=""):
    if condition:
        RESULTS["passed"] += 1
        print(f"ok   {name}")
    else:
        RESULTS["failed"] += 1
        print(f"FAIL {name} {detail}")


def sha256(data):
    return hashlib.sha256(data).digest()


def aes_gcm_encrypt(key, iv, plaintext):
    cipher = AES.new(key, AES.MODE_GCM, nonce=iv)
    ciphertext, tag = cipher.encrypt_and_digest(plaintext)
    return ciphertext + tag


def aes_gcm_decrypt(key, iv, data):
    cipher = AES.new(key, AES.MODE_GCM, nonce=iv)
    return cipher.decrypt_and_verify(data[:-16], data[-16:])


def items_hash(items):
    text = "".join(
        item.get("dataHash", "") + item.get("data", "") + item.get("encryptedDataEncryptionKey", "")
        + item.get("iv", "")
        for item in sorted(items, key=lambda i: i["index"]))
    return sha256(text.encode("utf-8"))


def request_hash(p):
    ids = sha256((p["requesterNonce"] + p["workOrderId"] + p["workerId"] + p["workloadId"]
                  + p["requesterId"]).encode("utf-8"))
    digest = ids + items_hash(p["inData"])
    if p.get("outData"):
        digest += items_hash(p["outData"])
    return sha256(digest)


def response_hash(r):
    ids = sha256((r["workerNonce"] + r["workOrderId"] + r["workerId"] + r["workloadId"]
                  + r["requesterId"]).encode("utf-8"))
    return sha256(ids + items_hash(r["outData"]))


def verify_digest(pem, signature, digest):
    key = ecdsa.VerifyingKey.from_pem(pem)
    try:
        return key.verify_digest(signature, digest, sigdecode=sigdecode_der)
    except ecdsa.BadSignatureError:
        return False


def retrieve_worker(client, worker_id):
    worker = client.call("WorkerRetrieve", {"workerId": worker_id})["result"]
    check("worker is active (status 1)", worker["status"] == 1)
    details = worker["details"]
    for key in ("hashingAlgorithm", "signingAlgorithm", "keyEncryptionAlgorithm",
                "dataEncryptionAlgorithm"):
        check(f"worker details has {key}", key in details)
    type_data = details["workerTypeData"]
    check("proofData is a string", isinstance(type_data["proofData"], str))
    check("encryptionKeySignature verifies over SHA-256 of the served PEM",
          verify_digest(type_data["verificationKey"], bytes.fromhex(type_data["encryptionKeySignature"]),
                        sha256(type_data["encryptionKey"].encode("utf-8"))))
    return type_data


def build_work_order(type_data, worker_id, workload, texts, requester_key, demo_style):
    session_key = secrets.token_bytes(32)
    iv = secrets.token_bytes(12)
    work_order_id = ("0x" + secrets.token_hex(31)) if demo_style else secrets.token_hex(32)
    params = {
        "workOrderId": work_order_id,
        "responseTimeoutMSecs": 6000,
        "payloadFormat": "JSON-RPC",
        "requesterNonce": secrets.token_hex(16),
        "workloadId": workload.encode("utf-8").hex(),
        "workerId": worker_id,
        "requesterId": secrets.token_hex(32),
        "sessionKeyIv": iv.hex().upper(),
        "workerEncryptionKey": type_data["encryptionKey"].encode("utf-8").hex(),
        "dataEncryptionAlgorithm": "AES-GCM-256",
        "encryptedSessionKey": PKCS1_OAEP.new(RSA.import_key(type_data["encryptionKey"]))
        .encrypt(session_key).hex().upper(),
        "encryptedRequestHash": "",
        "requesterSignature": "",
        "inData": [{"index": i, "data": base64.b64encode(aes_gcm_encrypt(session_key, iv, t.encode())).decode()}
                   for i, t in enumerate(texts)],
    }
    if demo_style:
        # A plaintext item, as the generic client's -p flag sends it.
        params["inData"].append({"index": len(texts), "data": base64.b64encode(b"plain").decode(),
                                 "encryptedDataEncryptionKey": "-"})
    digest = request_hash(params)
    encrypted_hash = aes_gcm_encrypt(session_key, iv, digest).hex().upper()
    params["encryptedRequestHash"] = encrypted_hash.lower() if demo_style else encrypted_hash
    if requester_key is not None:
        params["requesterSignature"] = base64.b64encode(
            requester_key.sign_digest_deterministic(digest, sigencode=sigencode_der)).decode()
        params["verifyingKey"] = requester_key.get_verifying_key().to_pem().decode()
    return params, session_key, iv


def await_result(client, work_order_id):
    deadline = time.time() + 30
    while time.time() < deadline:
        reply = client.call("WorkOrderGetResult", {"workOrderId": work_order_id})
        if "result" in reply or reply["error"]["code"] != 5:
            return reply
        time.sleep(0.05)
    raise AssertionError(f"work order {work_order_id} still pending after 30 s")


def run_work_order(client, type_data, worker_id, workload, texts, requester_key=None, demo_style=False):
    params, session_key, iv = build_work_order(type_data, worker_id, workload, texts, requester_key,
                                               demo_style)
    reply = client.call("WorkOrderSubmit", params)
    check(f"{workload}: submit acknowledged with code 5",
          reply.get("error", {}).get("code") == 5, json.dumps(reply))
    reply = await_result(client, params["workOrderId"])
    return params, session_key, iv, reply


def verify_and_decrypt(type_data, params, session_key, iv, result):
    for field in ("workOrderId", "workloadId", "workerId", "requesterId"):
        check(f"result echoes {field} verbatim", result[field] == params[field])
    check("workerSignature verifies over the response hash",
          verify_digest(type_data["verificationKey"], base64.b64decode(result["workerSignature"]),
                        response_hash(result)))
    outputs = []
    for item in sorted(result["outData"], key=lambda i: i["index"]):
        data = base64.b64decode(item["data"])
        plaintext = data if item.get("encryptedDataEncryptionKey") == "-" else aes_gcm_decrypt(
            session_key, iv, data)
        check("outData dataHash is SHA-256 of the plaintext",
              item["dataHash"] == sha256(plaintext).hex().upper())
        outputs.append(plaintext.decode("utf-8"))
    return outputs


def check_receipt(client, type_data, worker_id, requester_key):
    """Creates the receipt of a signed work order and checks the worker's signed PROCESSED update."""
    params, key, iv, reply = run_work_order(client, type_data, worker_id, "echo-result", ["receipt"],
                                            requester_key)
    receipt = {
        "workOrderId": params["workOrderId"], "workerServiceId": worker_id, "workerId": worker_id,
        "requesterId": params["requesterId"], "receiptCreateStatus": 0,
        "workOrderRequestHash": base64.b64encode(request_hash(params)).decode(),
        "requesterGeneratedNonce": str(secrets.randbelow(10**10) + 1),
        "signatureRules": "SHA-256/SECP256K1",
        "receiptVerificationKey": requester_key.get_verifying_key().to_pem().decode(),
    }
    signed = (receipt["workOrderId"] + receipt["workerServiceId"] + receipt["workerId"]
              + receipt["requesterId"] + str(receipt["receiptCreateStatus"])
              + receipt["workOrderRequestHash"] + receipt["requesterGeneratedNonce"])
    receipt["requesterSignature"] = base64.b64encode(requester_key.sign_digest_deterministic(
        sha256(signed.encode("utf-8")), sigencode=sigencode_der)).decode()
    reply = client.call("WorkOrderReceiptCreate", receipt)
    check("receipt created (error code 0)", reply.get("error", {}).get("code") == 0, json.dumps(reply))
    update = client.call("WorkOrderReceiptUpdateRetrieve",
                         {"workOrderId": params["workOrderId"], "updaterId": None, "updateIndex": 1 << 32})
    check("the worker appended its update", "result" in update, json.dumps(update))
    if "result" in update:
        u = update["result"]
        check("worker update is PROCESSED", u["updateType"] == 2)
        check("worker update is signed with the worker's registry key",
              ecdsa.VerifyingKey.from_pem(u["receiptVerificationKey"]).to_string()
              == ecdsa.VerifyingKey.from_pem(type_data["verificationKey"]).to_string())
        check("worker update signature verifies",
              verify_digest(u["receiptVerificationKey"], base64.b64decode(u["updateSignature"]),
                            sha256((u["workOrderId"] + str(u["updateType"]) + u["updateData"]).encode())))
    retrieved = client.call("WorkOrderReceiptRetrieve", {"workOrderId": params["workOrderId"]})
    check("receipt current status is PROCESSED", retrieved["result"]["receiptCurrentStatus"] == 2,
          json.dumps(retrieved))
    if "result" not in update:
        return
    # Only the worker and the receipt's creator write updates: COMPLETED, as Avalon's requester
    # would send it, lands only when signed with the key that signed the create.
    response_hash = update["result"]["updateData"]
    unsigned = {"workOrderId": params["workOrderId"], "updaterId": params["requesterId"], "updateType": 1,
                "updateData": response_hash, "signatureRules": "SHA-256/SECP256K1"}
    reply = client.call("WorkOrderReceiptUpdate", unsigned)
    check("unsigned receipt update refused (code 2)", reply.get("error", {}).get("code") == 2, json.dumps(reply))
    stranger = ecdsa.SigningKey.generate(curve=ecdsa.SECP256k1)
    reply = client.call("WorkOrderReceiptUpdate", sign_update(unsigned, stranger))
    check("receipt update signed with another key refused (code 2)",
          reply.get("error", {}).get("code") == 2, json.dumps(reply))
    reply = client.call("WorkOrderReceiptUpdate", sign_update(unsigned, requester_key))
    check("receipt creator's COMPLETED accepted (error code 0)",
          reply.get("error", {}).get("code") == 0, json.dumps(reply))
    retrieved = client.call("WorkOrderReceiptRetrieve", {"workOrderId": params["workOrderId"]})
    check("receipt current status is COMPLETED", retrieved["result"]["receiptCurrentStatus"] == 1,
          json.dumps(retrieved))


def sign_update(update, key):
    """The update signed as Avalon signs one: SHA-256 of workOrderId + str(updateType) + updateData."""
    digest = sha256((update["workOrderId"] + str(update["updateType"]) + update["updateData"]).encode("utf-8"))
    return dict(update,
                updateSignature=base64.b64encode(key.sign_digest_deterministic(
                    digest, sigencode=sigencode_der)).decode(),
                receiptVerificationKey=key.get_verifying_key().to_pem().decode())



def main(url):
    client = Client(url)
    worker_id = hashlib.sha256(WORKER_NAME.encode("utf-8")).hexdigest()

    lookup = client.call("WorkerLookUp", {"workerType": 1})["result"]
    check("WorkerLookUp({workerType: 1}) finds the singleton", worker_id in lookup["ids"])
    type_data = retrieve_worker(client, worker_id)

    requester_key = ecdsa.SigningKey.generate(curve=ecdsa.SECP256k1)
    params, key, iv, reply = run_work_order(client, type_data, worker_id, "echo-result", ["Hello"],
                                            requester_key)
    check("echo-result completed", "result" in reply, json.dumps(reply))
    outputs = verify_and_decrypt(type_data, params, key, iv, reply["result"])
    check("echo-result output", outputs == ["RESULT: Hello"], outputs)

    params, key, iv, reply = run_work_order(client, type_data, worker_id, "echo-result", ["Demo"],
                                            requester_key, demo_style=True)
    check("Demo.py-style request (0x id, lower-case hash, plaintext item) completed",
          "result" in reply, json.dumps(reply))
    outputs = verify_and_decrypt(type_data, params, key, iv, reply["result"])
    check("Demo.py-style outputs", outputs == ["RESULT: Demo", "RESULT: plain"], outputs)

    params, key, iv, reply = run_work_order(
        client, type_data, worker_id, "heart-disease-eval", ["Data: 25 10 1 67 102 125 1 95 5 10 1 11 36 1"])
    outputs = verify_and_decrypt(type_data, params, key, iv, reply["result"])
    check("heart-disease-eval output", outputs == ["You have a 47% risk of heart disease"], outputs)

    # Receipts, as the generic client's -r flag intends them.
    check_receipt(client, type_data, worker_id, requester_key)

    # Errors Avalon clients rely on.
    params, key, iv, reply = run_work_order(client, type_data, worker_id, "no-such-workload", ["x"])
    check("unknown workload: code 9", reply.get("error", {}).get("code") == 9, json.dumps(reply))
    reply = client.call("WorkOrderGetResult", {"workOrderId": secrets.token_hex(32)})
    check("unknown work order: code 2", reply.get("error", {}).get("code") == 2, json.dumps(reply))
    reply = client.call("WorkerRetrieve", {"workerId": "ab" * 32})
    check("unknown worker: code 2", reply.get("error", {}).get("code") == 2, json.dumps(reply))

    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:1947"))
