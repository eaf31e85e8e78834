from django.urls import path

from platforms import views

app_name = "platforms"
urlpatterns: list = []
