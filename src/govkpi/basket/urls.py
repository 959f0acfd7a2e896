"""Pages of the KPI Basket: browse and search (everybody), curate, export and import (OPDC)."""

from django.urls import path

from govkpi.basket import views

urlpatterns = [
    path("basket/", views.basket_list, name="basket-list"),
    path("basket/new/", views.basket_create, name="basket-create"),
    path("basket/template.xlsx", views.basket_template, name="basket-template"),
    path("basket/import/", views.basket_import, name="basket-import"),
    path("basket/<str:code>/", views.basket_detail, name="basket-detail"),
    path("basket/<str:code>/edit/", views.basket_edit, name="basket-edit"),
    path("basket/<str:code>/retire/", views.basket_retire, name="basket-retire"),
    path("basket/<str:code>/restore/", views.basket_restore, name="basket-restore"),
]
