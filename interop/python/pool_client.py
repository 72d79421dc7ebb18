"""Avalon-style checks against a Camelot worker pool, including Avalon's two-step signature.

A pool is one worker in the Worker Directory. Its results are verified as Avalon's
worker_signing.verify_signature does: with no extVerificationKey, workerSignature against the
registry verificationKey; with one, first extVerificationKeySignature over
SHA-256(extVerificationKey + requesterNonce) against the registry key, then workerSignature against
extVerificationKey. The request side, and receipts with the pool-signed PROCESSED update, are the
same as for a singleton (avalon_style_client.py).

Usage: python pool_client.py URL POOL_WORKER_NAME ext-key|pool-key
"""

import base64
import hashlib
import json
import sys

import avalon_style_client as avalon
import ecdsa


def verify_pool_result(type_data, params, session_key, iv, result, scheme):
    for field in ("workOrderId", "workloadId", "workerId", "requesterId"):
        avalon.check(f"result echoes {field} verbatim", result[field] == params[field])
    signature = base64.b64decode(result["workerSignature"])
    if scheme == "ext-key":
        ext_key = result.get("extVerificationKey")
        avalon.check("result carries extVerificationKey", ext_key is not None, json.dumps(result))
        if ext_key is None:
            return []
        vouch = base64.b64decode(result["extVerificationKeySignature"])
        avalon.check("step 1: the pool key vouches for the ext key with this requesterNonce",
                     avalon.verify_digest(type_data["verificationKey"], vouch,
                                          avalon.sha256((ext_key + params["requesterNonce"]).encode("utf-8"))))
        avalon.check("step 2: workerSignature verifies with the ext key",
                     avalon.verify_digest(ext_key, signature, avalon.response_hash(result)))
    else:
        avalon.check("result carries no extVerificationKey", "extVerificationKey" not in result)
        avalon.check("workerSignature verifies with the pool's registry key",
                     avalon.verify_digest(type_data["verificationKey"], signature, avalon.response_hash(result)))
    outputs = []
    for item in sorted(result["outData"], key=lambda i: i["index"]):
        outputs.append(avalon.aes_gcm_decrypt(session_key, iv, base64.b64decode(item["data"])).decode("utf-8"))
    return outputs


def main(url, pool_name, scheme):
    client = avalon.Client(url)
    worker_id = hashlib.sha256(pool_name.encode("utf-8")).hexdigest()
    lookup = client.call("WorkerLookUp", {"workerType": 1})["result"]
    avalon.check("WorkerLookUp finds the pool as one worker", worker_id in lookup["ids"])
    type_data = avalon.retrieve_worker(client, worker_id)
    for text in ("Hello pool", "second"):
        params, key, iv, reply = avalon.run_work_order(client, type_data, worker_id, "echo-result", [text])
        avalon.check("pool work order completed", "result" in reply, json.dumps(reply))
        if "result" in reply:
            outputs = verify_pool_result(type_data, params, key, iv, reply["result"], scheme)
            avalon.check("pool output", outputs == [f"RESULT: {text}"], outputs)
    # The pool signs its receipt updates with the registry key, whatever the result scheme.
    avalon.check_receipt(client, type_data, worker_id, ecdsa.SigningKey.generate(curve=ecdsa.SECP256k1))
    print(f"{avalon.RESULTS['passed']} passed, {avalon.RESULTS['failed']} failed")
    return 1 if avalon.RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3]))
