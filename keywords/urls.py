from django.urls import path

from keywords.views import keyword_page

urlpatterns = [path("<str:slug>/", keyword_page, name="keyword_page")]
