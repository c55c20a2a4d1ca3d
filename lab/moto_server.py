"""Starts moto_server with DynamoDB's real transaction limit.

moto 5.2 still refuses TransactGetItems over 25 items, while DynamoDB has allowed 100 since 2022
(TransactWriteItems is already 100 in moto). Tests of the documented maximum of regions need the
real limit, so the constant is raised before the server starts. Arguments are moto_server's.
"""

import sys

import moto.dynamodb.responses as dynamodb_responses

dynamodb_responses.TRANSACTION_MAX_ITEMS = 100

from moto.server import main  # noqa: E402 (the limit must be set first)

sys.exit(main(sys.argv[1:]))
