from django.urls import path

from records import views

app_name = "records"
urlpatterns = [
    path("my-data.json", views.my_data, name="my_data"),
]
