from django.urls import path

from govkpi.portal import views

urlpatterns = [
    path("public/", views.index, name="public-index"),
    path("public/search/", views.search, name="public-search"),
    path("public/data/", views.data_index, name="public-data"),
    path("public/data/dictionary.json", views.data_dictionary, name="public-data-dictionary"),
    path(
        "public/data/<int:year>/<str:group>/<str:dataset>.<str:fmt>",
        views.data_file,
        name="public-data-file",
    ),
    path("public/map/", views.province_map_latest, name="public-map-latest"),
    path("public/<int:year>/", views.year, name="public-year"),
    path("public/<int:year>/map/", views.province_map_page, name="public-map"),
    path("public/<int:year>/<str:group>/", views.score_list, name="public-scores"),
    path("public/<int:year>/<str:group>/<str:code>/", views.scorecard, name="public-scorecard"),
    path("public/<int:year>/<str:group>/<str:code>/kpi/<str:kpi_code>/", views.kpi_page, name="public-kpi"),
]
