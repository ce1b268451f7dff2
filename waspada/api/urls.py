from django.urls import path

from waspada.api import views
from waspada.api.routes import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("api-clients/", views.api_client_list, name="api_client_list"),
    path("api-clients/new/", views.api_client_create, name="api_client_create"),
    path("api-clients/<int:client_id>/revoke/", views.api_client_revoke, name="api_client_revoke"),
    path("api-clients/webhooks/", views.api_webhook_list, name="api_webhook_list"),
    path("api-clients/webhooks/new/", views.api_webhook_create, name="api_webhook_create"),
]
