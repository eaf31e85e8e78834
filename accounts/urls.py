from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import notification_views, two_factor, views

app_name = "accounts"
urlpatterns = [
    # Throttled, and asks for the TOTP code of users who turned two-factor authentication on.
    path("login/", two_factor.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("home/", views.home, name="home"),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path("notifications/read/", notification_views.notifications_read, name="notifications_read"),
    path("two-factor/", two_factor.two_factor, name="two_factor"),
]
