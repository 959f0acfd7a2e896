"""Pages of people's accounts (OPDC's administrator; an organisation's user administrator), and the
one-time set-password link people receive."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from govkpi.organisations import people_views

urlpatterns = [
    path("people/", people_views.people_list, name="people-list"),
    path("people/new/", people_views.person_create, name="person-create"),
    path("people/template.xlsx", people_views.people_template, name="people-template"),
    path("people/import/", people_views.people_import, name="people-import"),
    path("people/<str:username>/", people_views.person_detail, name="person-detail"),
    path("people/<str:username>/edit/", people_views.person_edit, name="person-edit"),
    path("people/<str:username>/deactivate/", people_views.person_deactivate, name="person-deactivate"),
    path("people/<str:username>/reactivate/", people_views.person_reactivate, name="person-reactivate"),
    path("people/<str:username>/password/", people_views.person_password, name="person-password"),
    path(
        "account/set-password/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="people/set_password.html", success_url=reverse_lazy("set-password-done")
        ),
        name="set-password",
    ),
    path(
        "account/set-password/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="people/set_password_done.html"),
        name="set-password-done",
    ),
]
