from django.urls import path

from govkpi.publication import views

urlpatterns = [
    path("publication/<int:year>/<str:group>/", views.publication_page, name="publication-page"),
    # Under results/ where it always was; here because outsiders' files come from the snapshot.
    path("results/evidence/<int:pk>/", views.evidence_download, name="evidence-download"),
]
