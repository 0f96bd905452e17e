"""Bearer tokens for bench/run.sh and bench/capture-sql.sh, signed with the run's own secret as
/auth/login signs them (HS256, the server's issuer and audience), for consecutive accounts and
without a session, valid for an hour:

    python3 bench/tokens.py SECRET FIRST_USER_ID COUNT   # one token per line on stdout
"""
import base64
import hashlib
import hmac
import json
import sys
import time


def b64(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def token(secret, uid, now):
    head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    claims = {"sub": str(uid), "iss": "opendetat", "aud": "opendetat-api", "iat": now, "exp": now + 3600, "ver": 0}
    body = head + "." + b64(json.dumps(claims, separators=(",", ":")).encode())
    return body + "." + b64(hmac.new(secret, body.encode(), hashlib.sha256).digest())


if __name__ == "__main__":
    secret, first, count = sys.argv[1].encode(), int(sys.argv[2]), int(sys.argv[3])
    now = int(time.time())
    sys.stdout.write("".join(token(secret, uid, now) + "\n" for uid in range(first, first + count)))
