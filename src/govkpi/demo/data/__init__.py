"""Reference and demo content for govkpi, as plain typed Python data (no Django).

Modules:

- ``records``: shared literal types (direction, kind, domain, theme) and small records.
- ``organisations``: ministries, PM-office agencies, independent agencies, departments,
  public organisations, the 76 evaluated provinces (+ Bangkok) and a tile-grid map.
- ``plans``: the national plan tree (National Strategy, master plans, NESDP 13 milestones,
  reform areas, SDGs, key policies).
- ``basket``: the KPI Basket for agencies (FY2565) and provinces (FY2566), joint,
  cascaded and area KPIs of the seeds.
- ``cdd_2564``: Community Development Department, FY2564 (seed 004).
- ``people``: demo users and their roles.
- ``meetings``: the committee meetings and the briefing of the seeds.

Real names of organisations and plans are real; KPI details, targets, results and people
are illustrative, as each module's docstring says.
"""
