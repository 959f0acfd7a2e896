from django.urls import path

from govkpi.publication import views

urlpatterns = [
    path("publication/<int:year>/<str:group>/", views.publication_page, name="publication-page"),
]
