from django import forms

from waspada.partners.models import Agency


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["name", "kind", "is_active"]
