#!/usr/bin/env python3
"""Writes an OpenAPI 3.0 document for API Gateway with N paths, for the lint benchmarks.

    bench/gen-openapi.py N OUT.yaml

Deterministic (same N, same bytes). Each path has a GET with an HTTP integration through a VPC
link, parameters, a response schema by reference; every third path also has a POST without an
integration and every fifth path's GET has no security, so findings grow with N as on a real
document under work (apigw-integration-missing, apigw-security-none, ...).
"""
import sys


def main() -> int:
    if len(sys.argv) != 3 or not sys.argv[1].isdigit():
        print(__doc__.strip(), file=sys.stderr)
        return 2
    n, out = int(sys.argv[1]), sys.argv[2]
    lines = [
        "openapi: 3.0.3",
        "info:",
        f"  title: generated {n} paths",
        "  version: 1.0.0",
        "security:",
        "  - cognito: []",
        "paths:",
    ]
    for i in range(n):
        p = f"/r{i // 100}/items{i}/{{id}}"
        lines += [
            f"  {p}:",
            "    parameters:",
            "      - name: id",
            "        in: path",
            "        required: true",
            "        schema: {type: string}",
            "    get:",
            f"      operationId: get{i}",
            f"      summary: Reads item {i}.",
        ]
        if i % 5 == 0:
            lines += ["      security: []"]
        lines += [
            "      responses:",
            "        '200':",
            "          description: ok",
            "          content:",
            "            application/json:",
            "              schema: {$ref: '#/components/schemas/Item'}",
            "      x-amazon-apigateway-integration:",
            "        type: http",
            "        httpMethod: GET",
            f"        uri: https://${{stageVariables.nlb}}/r{i // 100}/items{i}/{{id}}",
            "        connectionType: VPC_LINK",
            "        connectionId: ${stageVariables.vpcLinkId}",
            "        passthroughBehavior: when_no_match",
            "        requestParameters:",
            "          integration.request.path.id: method.request.path.id",
            "        responses:",
            "          default: {statusCode: '200'}",
        ]
        if i % 3 == 0:
            lines += [
                "    post:",
                f"      operationId: post{i}",
                "      requestBody:",
                "        content:",
                "          application/json:",
                "            schema: {$ref: '#/components/schemas/Item'}",
                "      responses:",
                "        '201': {description: created}",
            ]
    lines += [
        "components:",
        "  securitySchemes:",
        "    cognito:",
        "      type: apiKey",
        "      name: Authorization",
        "      in: header",
        "      x-amazon-apigateway-authtype: cognito_user_pools",
        "      x-amazon-apigateway-authorizer:",
        "        type: cognito_user_pools",
        "        providerARNs:",
        "          - arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abcdefghi",
        "  schemas:",
        "    Item:",
        "      type: object",
        "      properties:",
        "        id: {type: string}",
        "        name: {type: string}",
    ]
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
