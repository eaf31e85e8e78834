"""The signed-in person's own data, as a JSON download from the account menu."""

import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from records.data_access import personal_data_export


@require_POST
@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    # POST: the export is audited, so a link prefetched by a browser does not make one.
    document = personal_data_export(user=request.user)  # type: ignore[arg-type]  # login_required
    response = HttpResponse(
        json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response
