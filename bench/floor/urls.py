from django.urls import path

from bench.floor.views import rows

urlpatterns = [path("rows/", rows)]
