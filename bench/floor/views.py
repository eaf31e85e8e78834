"""GET: 50 rows of the 1,000,000-row floor table by an indexed column. POST: one row inserted."""

import json

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from bench.floor.table import TABLE

PAGE = 50


@csrf_exempt
def rows(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        if request.method == "GET":
            group = int(request.GET.get("group", "0"))
            cursor.execute(
                f"SELECT id, grp, title, created_at FROM {TABLE} WHERE grp = %s ORDER BY id DESC LIMIT %s",  # noqa: S608 — a constant
                [group, PAGE],
            )
            found = [
                {"id": i, "group": g, "title": t, "created_at": c.isoformat()}
                for i, g, t, c in cursor.fetchall()
            ]
            return JsonResponse({"results": found})
        if request.method == "POST":
            body = json.loads(request.body or b"{}")
            cursor.execute(
                f"INSERT INTO {TABLE} (grp, title) VALUES (%s, %s) RETURNING id",  # noqa: S608 — a constant
                [int(body.get("group", 0)), str(body.get("title", ""))[:200]],
            )
            return JsonResponse({"id": cursor.fetchone()[0]}, status=201)
    return HttpResponseNotAllowed(["GET", "POST"])
