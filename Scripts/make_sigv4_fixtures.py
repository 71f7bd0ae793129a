#!/usr/bin/env python3
"""Collects AWS's Signature Version 4 test suite into Tests/LumenS3Tests/Fixtures/sigv4.json,
the reference LumenS3's signer is tested against.

    git clone https://github.com/awslabs/aws-c-auth
    python3 Scripts/make_sigv4_fixtures.py aws-c-auth/tests/aws-signing-test-suite/v4

Each case of the suite (a folder) gives a request (`request.txt`: request line, headers with
continuation lines, body), the signing context (`context.json`: credentials, region, service,
time, whether the path is normalized, whether the body's hash is signed, whether the session
token is left out of the signature) and the expected canonical request, string to sign and
signature for signing with headers.
"""
import json
import pathlib
import sys


def parse_request(text: str) -> dict:
    head, _, body = text.partition("\n\n")
    lines = head.split("\n")
    method, _, rest = lines[0].partition(" ")
    target = rest.rsplit(" ", 1)[0]
    path, _, query = target.partition("?")
    headers = []
    for line in lines[1:]:
        if not line:
            continue
        if line[:1] in (" ", "\t") and headers:
            headers[-1][1] += "\n" + line  # a continuation line, folded by the signer
        else:
            name, _, value = line.partition(":")
            headers.append([name, value])
    return {"method": method, "path": path, "query": query, "headers": headers, "body": body}


def main() -> None:
    suite = pathlib.Path(sys.argv[1])
    cases = []
    for folder in sorted(p for p in suite.iterdir() if (p / "request.txt").exists()):
        context = json.loads((folder / "context.json").read_text())
        cases.append({
            "name": folder.name,
            "request": parse_request((folder / "request.txt").read_text()),
            "accessKeyID": context["credentials"]["access_key_id"],
            "secretAccessKey": context["credentials"]["secret_access_key"],
            "sessionToken": context["credentials"].get("token"),
            "omitSessionToken": context.get("omit_session_token", False),
            "region": context["region"],
            "service": context["service"],
            "timestamp": context["timestamp"],
            "normalize": context["normalize"],
            "signBody": context["sign_body"],
            "canonicalRequest": (folder / "header-canonical-request.txt").read_text(),
            "stringToSign": (folder / "header-string-to-sign.txt").read_text(),
            "signature": (folder / "header-signature.txt").read_text().strip(),
        })
    out = pathlib.Path(__file__).resolve().parent.parent / "Tests/LumenS3Tests/Fixtures/sigv4.json"
    out.write_text(json.dumps({"source": "awslabs/aws-c-auth tests/aws-signing-test-suite/v4", "cases": cases}, indent=1) + "\n")
    print(f"{len(cases)} cases -> {out}")


if __name__ == "__main__":
    main()
