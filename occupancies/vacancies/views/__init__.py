"""Blueprints of the vacancy register: the public's report and figures (public.py), an organisation's register
(member.py), the region's for the Guichet (guichet.py)."""
from occupancies.vacancies.views.guichet import bp as guichet_vacancies
from occupancies.vacancies.views.member import bp as vacancies
from occupancies.vacancies.views.public import bp as vacancy_reports

BLUEPRINTS = (vacancy_reports, vacancies, guichet_vacancies)
