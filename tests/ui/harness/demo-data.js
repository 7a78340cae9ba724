// Written by tests/desktop/ipc.rs (ui_fixtures_are_a_real_snapshot_of_the_demo): the real
// `snapshot` of the demo portfolio on 2026-11-20. Do not edit by hand.
window.CLERKFOLIO_DEMO = {
  "applications": [],
  "check": [
    {
      "kind": "no-evidence",
      "message": "education record \"Records Retention in the Cloud (webinar)\" (2026-09-16) has no supporting document attached"
    },
    {
      "kind": "no-evidence",
      "message": "experience record \"Deputy City Clerk\" (2017-04-03 – 2022-12-31) has no supporting document attached"
    },
    {
      "kind": "no-evidence",
      "message": "experience record \"MCFOA Education Committee, member\" (2023-07-01 – 2025-06-30) has no supporting document attached"
    },
    {
      "kind": "requirement",
      "message": "Experience: 6 more points needed (44 of 50)."
    }
  ],
  "designations": [],
  "education": [
    {
      "assessment": false,
      "category": "institute",
      "certificate": "MMCI-2023-01-0417",
      "end": "2023-03-24",
      "entered": null,
      "evidence": [
        1
      ],
      "from_certificate": false,
      "hours": 40.0,
      "id": 1,
      "learned": "Role of the clerk, open meeting law, records management basics, parliamentary procedure.",
      "level": "basic",
      "planned": false,
      "provider": "St. Cloud State University (IIMC-accredited institute)",
      "sponsor": "unknown",
      "start": "2023-03-20",
      "title": "Minnesota Municipal Clerks Institute, Year 1"
    },
    {
      "assessment": false,
      "category": "institute",
      "certificate": "MMCI-2024-02-0417",
      "end": "2024-03-22",
      "entered": null,
      "evidence": [
        2
      ],
      "from_certificate": false,
      "hours": 40.0,
      "id": 2,
      "learned": "Election administration, budgeting and finance, ethics, public communication.",
      "level": "basic",
      "planned": false,
      "provider": "St. Cloud State University (IIMC-accredited institute)",
      "sponsor": "unknown",
      "start": "2024-03-18",
      "title": "Minnesota Municipal Clerks Institute, Year 2"
    },
    {
      "assessment": false,
      "category": "institute",
      "certificate": "MMCI-2025-03-0417",
      "end": "2025-03-21",
      "entered": null,
      "evidence": [
        3
      ],
      "from_certificate": false,
      "hours": 40.0,
      "id": 3,
      "learned": "Leadership, strategic planning, legislative process, capstone on records retention.",
      "level": "basic",
      "planned": false,
      "provider": "St. Cloud State University (IIMC-accredited institute)",
      "sponsor": "unknown",
      "start": "2025-03-17",
      "title": "Minnesota Municipal Clerks Institute, Year 3"
    },
    {
      "assessment": true,
      "category": "association",
      "certificate": "",
      "end": null,
      "entered": null,
      "evidence": [
        4
      ],
      "from_certificate": false,
      "hours": 6.5,
      "id": 4,
      "learned": "2025 statutory changes to absentee voting; post-election review; learning assessment passed.",
      "level": "intermediate",
      "planned": false,
      "provider": "Minnesota Clerks and Finance Officers Association",
      "sponsor": "unknown",
      "start": "2025-10-08",
      "title": "Election Law Update and Assessment"
    },
    {
      "assessment": false,
      "category": "webinar",
      "certificate": "",
      "end": null,
      "entered": null,
      "evidence": [],
      "from_certificate": false,
      "hours": 1.5,
      "id": 5,
      "learned": "",
      "level": "intermediate",
      "planned": false,
      "provider": "IIMC",
      "sponsor": "unknown",
      "start": "2026-09-16",
      "title": "Records Retention in the Cloud (webinar)"
    }
  ],
  "evidence": [
    {
      "added_at": "2026-11-20T09:00:00Z",
      "id": 1,
      "original_name": "MMCI-Year-1-Certificate.pdf",
      "pages": 1,
      "sha256": "236c8adfdba7ba63a1f6facb23f3acca163aea6bd95c02b5b4d633328c93583d",
      "size": 1180,
      "type": "pdf",
      "used_by": [
        "education 1"
      ]
    },
    {
      "added_at": "2026-11-20T09:00:00Z",
      "id": 2,
      "original_name": "MMCI-Year-2-Certificate.pdf",
      "pages": 1,
      "sha256": "cb29fc5c515ed2bd1b37077435ae087254f912350b35d458228f97b93ea7ef7a",
      "size": 1180,
      "type": "pdf",
      "used_by": [
        "education 2"
      ]
    },
    {
      "added_at": "2026-11-20T09:00:00Z",
      "id": 3,
      "original_name": "MMCI-Year-3-Certificate.pdf",
      "pages": 1,
      "sha256": "825fdc3d26217ddb442d7cc3994fafa10e7fb5658beca27e996b58b1a0944d36",
      "size": 1180,
      "type": "pdf",
      "used_by": [
        "education 3"
      ]
    },
    {
      "added_at": "2026-11-20T09:00:00Z",
      "id": 4,
      "original_name": "MCFOA-Election-Law-Update.pdf",
      "pages": 1,
      "sha256": "ab30d9584329007abbafa6a3988f34c9ba43c9d561a921771b6fb4d64a471d8e",
      "size": 1168,
      "type": "pdf",
      "used_by": [
        "education 4"
      ]
    },
    {
      "added_at": "2026-11-20T09:00:00Z",
      "id": 5,
      "original_name": "Employment-Verification-Riverton.pdf",
      "pages": 1,
      "sha256": "e5282077548692ff64cb7c26c49fd1269bc7462b8fb3251a6dc0d22d7aa07fe2",
      "size": 1289,
      "type": "pdf",
      "used_by": [
        "experience 2 (employment letter)"
      ]
    },
    {
      "added_at": "2026-11-20T09:00:00Z",
      "id": 6,
      "original_name": "IIMC-Conference-2024-badge.jpg",
      "pages": 1,
      "sha256": "1602f6f84fdbaddd2a5fe61752b24c47c21566c9ae5404c3014cf3a012140128",
      "size": 66633,
      "type": "jpeg",
      "used_by": [
        "experience 3"
      ]
    }
  ],
  "experience": [
    {
      "category": "service",
      "end": "2022-12-31",
      "entered": {
        "points": 20.0,
        "reason": "claimed: 5 years as deputy clerk"
      },
      "evidence": [],
      "id": 1,
      "letters": [],
      "notes": "Elections, minutes, records requests.",
      "organisation": "City of Riverton",
      "planned": false,
      "start": "2017-04-03",
      "title": "Deputy City Clerk"
    },
    {
      "category": "service",
      "end": null,
      "entered": {
        "points": 12.0,
        "reason": "claimed: 3 years as city clerk"
      },
      "evidence": [],
      "id": 2,
      "letters": [
        5
      ],
      "notes": "",
      "organisation": "City of Riverton",
      "planned": false,
      "start": "2023-01-01",
      "title": "City Clerk"
    },
    {
      "category": "committee",
      "end": "2025-06-30",
      "entered": {
        "points": 4.0,
        "reason": "claimed: two years on a state committee"
      },
      "evidence": [],
      "id": 4,
      "letters": [],
      "notes": "",
      "organisation": "MCFOA",
      "planned": false,
      "start": "2023-07-01",
      "title": "MCFOA Education Committee, member"
    },
    {
      "category": "conference-iimc",
      "end": "2024-05-22",
      "entered": {
        "points": 8.0,
        "reason": "claimed: annual conference attended"
      },
      "evidence": [
        6
      ],
      "id": 3,
      "letters": [],
      "notes": "",
      "organisation": "IIMC",
      "planned": false,
      "start": "2024-05-19",
      "title": "IIMC Annual Conference"
    }
  ],
  "info": {
    "data_dir": "C:\\Users\\rcastaneda\\AppData\\Roaming\\org.clerkfolio.desktop",
    "has_portfolio": true,
    "today": "2026-11-20",
    "version": "0.1.0"
  },
  "intake": [],
  "membership": [
    {
      "end": null,
      "id": 3,
      "organisation": "MCFOA",
      "start": "2019-09-01",
      "type": "full"
    },
    {
      "end": "2022-01-31",
      "id": 1,
      "organisation": "IIMC",
      "start": "2021-02-01",
      "type": "additional-full"
    },
    {
      "end": null,
      "id": 2,
      "organisation": "IIMC",
      "start": "2022-06-01",
      "type": "full"
    }
  ],
  "own_reminders": [],
  "profile": {
    "address": "City Hall, 200 Main Street, Riverton, MN 55000",
    "country": "United States",
    "email": "clerk@riverton.example.org",
    "ethics_affirmed": "2024-01-15",
    "full_name": "Renée Castañeda-Wójcik",
    "member_id": "IIMC-204518",
    "municipality": "City of Riverton",
    "phone": "+1 555 0100",
    "state": "Minnesota",
    "title": "City Clerk"
  },
  "programs": [
    {
      "authority": "IIMC",
      "categories": {
        "education": {
          "academy": "Advanced academy (e.g. a Master Municipal Clerks Academy)",
          "association": "State, national or provincial association program reviewed by IIMC",
          "conference": "Education sessions at a conference (IIMC annual or region conference, state conference)",
          "course": "College or university course",
          "degree": "College degree",
          "degree-associate-related": "Associate degree in a related field",
          "degree-bachelor-related": "Bachelor's degree in public administration or a related field",
          "degree-bachelor-unrelated": "Bachelor's degree in an unrelated field",
          "in-service": "In-service training",
          "institute": "Municipal Clerks Institute session (IIMC-accredited; record each year or session)",
          "other": "Other education",
          "webinar": "Webinar or online course"
        },
        "experience": {
          "association": "Membership or office in a professional association",
          "committee": "Committee member",
          "committee-chair": "Committee chair or board member",
          "conference": "Conference attended (not its education sessions)",
          "conference-iimc": "IIMC Annual Conference attended",
          "conference-state": "State or provincial conference, or IIMC region meeting, attended",
          "other": "Other contribution",
          "regional-meeting": "Regional meeting attended",
          "service": "Service as municipal clerk, deputy clerk, treasurer or finance officer (a position held)",
          "service-business": "Administrative position in business (a position held)",
          "service-government": "Administrative position in federal, state or county government (a position held)",
          "service-local-other": "Other administrative position in local government (a position held)",
          "teaching": "Teaching, presenting or publishing"
        }
      },
      "effective_from": "2023-06-01",
      "id": "cmc",
      "name": "Certified Municipal Clerk (CMC)",
      "notes": [
        "Points follow the IIMC Education Guidelines, which Clerkfolio could not read in full: per-activity schedules are marked 'open' and take the points IIMC awarded or that you claim.",
        "Since 1 June 2023 applications go through IIMC's online certification portal; the packet is your upload material and record."
      ],
      "paperwork": [
        {
          "kind": "ethics",
          "label": "IIMC Code of Ethics affirmed",
          "position_categories": [],
          "source": "'Affirm and practice the IIMC Code of Ethics' [S1]",
          "status": "verified"
        },
        {
          "kind": "employment-letter",
          "label": "Letter of Employment Verification for the current position",
          "position_categories": [
            "service",
            "service-local-other",
            "service-government",
            "service-business"
          ],
          "source": "'A letter for your current position is required!' [S1][S3]",
          "status": "verified"
        }
      ]
    },
    {
      "authority": "IIMC",
      "categories": {
        "education": {
          "academy": "Advanced academy (e.g. a Master Municipal Clerks Academy)",
          "association": "State, national or provincial association program reviewed by IIMC",
          "conference": "Education sessions at a conference",
          "course": "College or university course",
          "degree": "College degree",
          "degree-associate-related": "Associate degree in a related field",
          "degree-bachelor-related": "Bachelor's degree in public administration or a related field",
          "degree-bachelor-unrelated": "Bachelor's degree in an unrelated field",
          "in-service": "In-service training",
          "institute": "Municipal Clerks Institute session (IIMC-accredited)",
          "other": "Other education",
          "webinar": "Webinar or online course"
        },
        "experience": {}
      },
      "effective_from": "2023-07-01",
      "id": "epp",
      "name": "Education PLUS Program (EPP)",
      "notes": [
        "The EPP is not a designation: it is IIMC's continuing-education commitment for a clerk who holds the MMC, 30 hours per two-year cycle, with no 'saving' of hours from one cycle to the next (IIMC EPP page).",
        "Cycles run from 1 July of an odd year to 31 July two years later, so July of an odd year lies in two cycles. IIMC does not say which one an activity in that month counts toward: Clerkfolio counts it toward the cycle that ends then, never toward both (inferred).",
        "Which activities IIMC accepts as EPP hours is not stated in our sources: Clerkfolio counts the contact hours of every education record in the cycle (an estimate; the Northwest Clerks Institute states its Session IV as 'twenty-four (24) EPP Education Hours')."
      ],
      "paperwork": []
    },
    {
      "authority": "IIMC",
      "categories": {
        "education": {
          "academy": "Advanced academy (e.g. a Master Municipal Clerks Academy)",
          "association": "State, national or provincial association program reviewed by IIMC",
          "conference": "Education sessions at a conference",
          "course": "College or university course",
          "institute": "Municipal Clerks Institute session (IIMC-accredited)",
          "other": "Other education",
          "webinar": "Webinar or online course"
        },
        "experience": {
          "association": "Membership or office in a professional association",
          "committee": "Committee member",
          "committee-chair": "Committee chair or board member",
          "conference": "Conference attended",
          "other": "Other contribution",
          "service": "Service as municipal clerk, deputy clerk, treasurer or finance officer (a position held)",
          "teaching": "Teaching, presenting or publishing"
        }
      },
      "effective_from": "2023-06-01",
      "id": "mmc",
      "name": "Master Municipal Clerk (MMC)",
      "notes": [
        "Only material dated after your latest prior designation counts (the CMC, a CMC recertification or a prior level), and programs used (even in part) for the CMC cannot count again [S8].",
        "IIMC's MMC page names the categories Advanced Education and Professional Contributions; older pages and slides call the second one Professional and Social Contributions [S8].",
        "The Professional Contributions schedule is not published in our sources: points are the ones you claim."
      ],
      "paperwork": []
    },
    {
      "authority": "MCFOA",
      "categories": {
        "education": {
          "association": "Association program",
          "conference": "Education sessions at a conference",
          "course": "Education course",
          "degree-associate-related": "Associate degree in a related field",
          "degree-bachelor-related": "Bachelor's degree in public administration or a related field",
          "degree-bachelor-unrelated": "Bachelor's degree in an unrelated field",
          "in-service": "In-service training",
          "institute": "Municipal Clerks Institute session (IIMC-accredited; record each year or session)",
          "webinar": "Webinar or online course"
        },
        "experience": {
          "committee": "Committee member",
          "committee-chair": "Committee chair or board member",
          "conference-iimc": "IIMC Annual Conference attended",
          "conference-state": "State or provincial conference, or IIMC region meeting, attended",
          "regional-meeting": "Regional meeting attended",
          "service": "Experience as clerk, deputy clerk, treasurer or finance officer",
          "service-business": "Administrative position in business",
          "service-government": "Administrative position in federal, state or county government",
          "service-local-other": "Other administrative position in local government"
        }
      },
      "effective_from": "2015-01-01",
      "id": "mn-cmc",
      "name": "Minnesota Municipal Clerk Certification (MCMC)",
      "notes": [
        "Membership counts in MCFOA: record it as a membership period with organisation MCFOA.",
        "Years of service count whole years only (5 years 3 months = 5 years)."
      ],
      "paperwork": []
    }
  ],
  "reminders": [
    {
      "actionable": true,
      "days_until": -35,
      "detail": "Records Retention in the Cloud (webinar) (IIMC) ended on 2026-09-16 and has no certificate or other proof attached. IIMC reviews no application without supporting documentation: attach it.",
      "dismissed": false,
      "due": "2026-10-16",
      "due_now": true,
      "hint": "clerkfolio evidence add FILE --to education:5",
      "id": "certificate:education:5",
      "kind": "missing-certificate",
      "lead_days": 0,
      "overdue": true,
      "record": "education:5",
      "screen": "evidence",
      "series": "certificate:education:5",
      "shows_from": "2026-10-16",
      "snoozed_until": null,
      "title": "Attach the certificate: Records Retention in the Cloud (webinar)",
      "yearly": false
    },
    {
      "actionable": false,
      "days_until": 193,
      "detail": "Your Full IIMC membership began on 2022-06-01; no paid-through date is recorded, so Clerkfolio takes the anniversary as the renewal date. Renew by 2027-06-01 to keep it unbroken. If IIMC bills on another date, record the paid-through date from your receipt and you are reminded of that date instead.",
      "dismissed": false,
      "due": "2027-06-01",
      "due_now": false,
      "hint": "clerkfolio membership edit 2 --end YYYY-MM-DD",
      "id": "anniversary:membership:2:2027",
      "kind": "membership-anniversary",
      "lead_days": 30,
      "overdue": false,
      "record": "membership:2",
      "screen": "membership",
      "series": "anniversary:membership:2",
      "shows_from": "2027-05-02",
      "snoozed_until": null,
      "title": "IIMC membership anniversary (5 years): dues renewal",
      "yearly": true
    },
    {
      "actionable": false,
      "days_until": 285,
      "detail": "Your Full MCFOA membership began on 2019-09-01; no paid-through date is recorded, so Clerkfolio takes the anniversary as the renewal date. Renew by 2027-09-01 to keep it unbroken. If MCFOA bills on another date, record the paid-through date from your receipt and you are reminded of that date instead.",
      "dismissed": false,
      "due": "2027-09-01",
      "due_now": false,
      "hint": "clerkfolio membership edit 3 --end YYYY-MM-DD",
      "id": "anniversary:membership:3:2027",
      "kind": "membership-anniversary",
      "lead_days": 30,
      "overdue": false,
      "record": "membership:3",
      "screen": "membership",
      "series": "anniversary:membership:3",
      "shows_from": "2027-08-02",
      "snoozed_until": null,
      "title": "MCFOA membership anniversary (8 years): dues renewal",
      "yearly": true
    }
  ],
  "status": {
    "cmc": {
      "as_of": "2026-11-20",
      "authority": "IIMC",
      "checks": [
        {
          "detail": "61.5 of 60 points",
          "id": "points:education",
          "label": "Education: 60 points",
          "met": true,
          "status": "verified"
        },
        {
          "detail": "44 of 50 points",
          "id": "points:experience",
          "label": "Experience: 50 points",
          "met": false,
          "status": "verified"
        },
        {
          "detail": "Full member",
          "id": "membership:type",
          "label": "Active IIMC member of a type that may certify (Full, Additional Full or Retired)",
          "met": true,
          "status": "verified"
        },
        {
          "detail": "member since 2022-06-01; 2 years reached on 2024-06-01",
          "id": "membership:years",
          "label": "2 years of qualifying IIMC membership (counted without a break, the stricter reading)",
          "met": true,
          "status": "verified"
        },
        {
          "detail": "affirmed 2024-01-15",
          "id": "ethics",
          "label": "IIMC Code of Ethics affirmed",
          "met": true,
          "status": "verified"
        },
        {
          "detail": "letter attached for City Clerk, City of Riverton",
          "id": "employment-letter",
          "label": "Letter of Employment Verification for the current position",
          "met": true,
          "status": "verified"
        }
      ],
      "cutoff": null,
      "cycle": null,
      "effective_from": "2023-06-01",
      "eligible": false,
      "eligible_on": null,
      "fees": [
        {
          "amount": null,
          "label": "CMC designation fee",
          "optional": false,
          "source": "No amount for a CMC designation fee is stated in the sources these rules cite (the MMC's is stated on IIMC's MMC Program page)",
          "status": "open"
        }
      ],
      "membership": {
        "active": true,
        "continuous_since": "2022-06-01",
        "cumulative_days": 1999,
        "current_type": "full",
        "eligible_on_continuous": "2024-06-01",
        "eligible_on_cumulative": "2023-05-31",
        "lapses": [
          {
            "from": "2022-02-01",
            "to": "2022-05-31"
          }
        ],
        "met": true,
        "organisation": "IIMC",
        "reading": "continuous",
        "reading_status": "open",
        "type_allowed": true,
        "years_met": true,
        "years_required": 2
      },
      "missing": [
        "Experience: 6 more points needed (44 of 50)."
      ],
      "notes": [
        "Points follow the IIMC Education Guidelines, which Clerkfolio could not read in full: per-activity schedules are marked 'open' and take the points IIMC awarded or that you claim.",
        "Since 1 June 2023 applications go through IIMC's online certification portal; the packet is your upload material and record.",
        "Points marked 'estimate' use an inferred rate (listed with the Certified Municipal Clerk (CMC) rules), not a figure IIMC publishes: check them against your certificates.",
        "Points marked 'claimed' are the ones you entered where no published schedule exists; IIMC decides the points it awards.",
        "Membership years use the conservative continuous reading (counting time across lapses: 2023-05-31); the rule does not settle it.",
        "Membership lapsed from 2022-02-01 to 2022-05-31: under the conservative reading the years count again from 2022-06-01."
      ],
      "program": "cmc",
      "program_name": "Certified Municipal Clerk (CMC)",
      "projected_eligible_on": null,
      "requirements": [
        {
          "cutoff": null,
          "earned": 61.5,
          "id": "education",
          "items": [
            {
              "capped": false,
              "earned": 0.0,
              "id": "institute-state",
              "label": "Institute or academy sponsored by a state association",
              "max": null,
              "status": "sponsor",
              "uncapped": 0.0
            },
            {
              "capped": false,
              "earned": 60.0,
              "id": "institute",
              "label": "Municipal Clerks Institute or academy (sponsor not recorded)",
              "max": null,
              "status": "inferred",
              "uncapped": 60.0
            },
            {
              "capped": false,
              "earned": 0.0,
              "id": "institute-other",
              "label": "Institute or academy not sponsored by a state association",
              "max": null,
              "status": "open",
              "uncapped": 0.0
            },
            {
              "capped": false,
              "earned": 1.5,
              "id": "association",
              "label": "Association program (IIMC course-reviewed)",
              "max": null,
              "status": "verified",
              "uncapped": 1.5
            },
            {
              "capped": false,
              "earned": 0.0,
              "id": "other-education",
              "label": "Courses, conferences, webinars, degrees and other education",
              "max": null,
              "status": "open",
              "uncapped": 0.0
            }
          ],
          "label": "Education",
          "met": true,
          "planned": 0.0,
          "records": [
            {
              "basis": "estimate",
              "counted": 20.0,
              "dated": "2023-03-24",
              "excluded": null,
              "id": 1,
              "item": "institute",
              "planned": false,
              "points": 20.0,
              "raw": 20.0,
              "record": "education",
              "title": "Minnesota Municipal Clerks Institute, Year 1",
              "warnings": []
            },
            {
              "basis": "estimate",
              "counted": 20.0,
              "dated": "2024-03-22",
              "excluded": null,
              "id": 2,
              "item": "institute",
              "planned": false,
              "points": 20.0,
              "raw": 20.0,
              "record": "education",
              "title": "Minnesota Municipal Clerks Institute, Year 2",
              "warnings": []
            },
            {
              "basis": "estimate",
              "counted": 20.0,
              "dated": "2025-03-21",
              "excluded": null,
              "id": 3,
              "item": "institute",
              "planned": false,
              "points": 20.0,
              "raw": 20.0,
              "record": "education",
              "title": "Minnesota Municipal Clerks Institute, Year 3",
              "warnings": []
            },
            {
              "basis": "computed",
              "counted": 1.5,
              "dated": "2025-10-08",
              "excluded": null,
              "id": 4,
              "item": "association",
              "planned": false,
              "points": 1.5,
              "raw": 1.625,
              "record": "education",
              "title": "Election Law Update and Assessment",
              "warnings": []
            },
            {
              "basis": "not-entered",
              "counted": 0.0,
              "dated": "2026-09-16",
              "excluded": null,
              "id": 5,
              "item": "other-education",
              "planned": false,
              "points": 0.0,
              "raw": 0.0,
              "record": "education",
              "title": "Records Retention in the Cloud (webinar)",
              "warnings": [
                "the program publishes no schedule for this category: enter the points you were awarded or claim"
              ]
            }
          ],
          "required": 60.0,
          "status": "verified",
          "unit": "points"
        },
        {
          "cutoff": null,
          "earned": 44.0,
          "id": "experience",
          "items": [
            {
              "capped": false,
              "earned": 44.0,
              "id": "experience-claimed",
              "label": "Experience (service, conferences, associations, committees, teaching)",
              "max": null,
              "status": "open",
              "uncapped": 44.0
            }
          ],
          "label": "Experience",
          "met": false,
          "planned": 0.0,
          "records": [
            {
              "basis": "claimed",
              "counted": 20.0,
              "dated": "2022-12-31",
              "excluded": null,
              "id": 1,
              "item": "experience-claimed",
              "planned": false,
              "points": 20.0,
              "raw": 20.0,
              "record": "experience",
              "title": "Deputy City Clerk",
              "warnings": []
            },
            {
              "basis": "claimed",
              "counted": 12.0,
              "dated": "2023-01-01",
              "excluded": null,
              "id": 2,
              "item": "experience-claimed",
              "planned": false,
              "points": 12.0,
              "raw": 12.0,
              "record": "experience",
              "title": "City Clerk",
              "warnings": []
            },
            {
              "basis": "claimed",
              "counted": 8.0,
              "dated": "2024-05-22",
              "excluded": null,
              "id": 3,
              "item": "experience-claimed",
              "planned": false,
              "points": 8.0,
              "raw": 8.0,
              "record": "experience",
              "title": "IIMC Annual Conference",
              "warnings": []
            },
            {
              "basis": "claimed",
              "counted": 4.0,
              "dated": "2025-06-30",
              "excluded": null,
              "id": 4,
              "item": "experience-claimed",
              "planned": false,
              "points": 4.0,
              "raw": 4.0,
              "record": "experience",
              "title": "MCFOA Education Committee, member",
              "warnings": []
            }
          ],
          "required": 50.0,
          "status": "verified",
          "unit": "points"
        }
      ],
      "steps": [
        {
          "hint": null,
          "records": [],
          "text": "Experience: 6 more points needed (44 of 50)."
        }
      ]
    },
    "epp": {
      "as_of": "2026-11-20",
      "authority": "IIMC",
      "checks": [
        {
          "detail": "8 of 30 hours",
          "id": "points:hours",
          "label": "Education hours in the cycle: 30 hours",
          "met": false,
          "status": "verified"
        },
        {
          "detail": "no MMC designation recorded",
          "id": "prerequisite:mmc",
          "label": "MMC designation held",
          "met": false,
          "status": "verified"
        }
      ],
      "cutoff": null,
      "cycle": {
        "counts_from": "2025-08-01",
        "end": "2027-07-31",
        "enrolment_end": "2025-07-31",
        "start": "2025-07-01"
      },
      "effective_from": "2023-07-01",
      "eligible": false,
      "eligible_on": null,
      "fees": [],
      "membership": null,
      "missing": [
        "Education hours in the cycle: 22 more hours needed (8 of 30).",
        "MMC designation held: record the award date."
      ],
      "notes": [
        "The EPP is not a designation: it is IIMC's continuing-education commitment for a clerk who holds the MMC, 30 hours per two-year cycle, with no 'saving' of hours from one cycle to the next (IIMC EPP page).",
        "Cycles run from 1 July of an odd year to 31 July two years later, so July of an odd year lies in two cycles. IIMC does not say which one an activity in that month counts toward: Clerkfolio counts it toward the cycle that ends then, never toward both (inferred).",
        "Which activities IIMC accepts as EPP hours is not stated in our sources: Clerkfolio counts the contact hours of every education record in the cycle (an estimate; the Northwest Clerks Institute states its Session IV as 'twenty-four (24) EPP Education Hours').",
        "Hours marked 'estimate' are counted by a reading of the Education PLUS Program (EPP) rules, not by a list IIMC publishes of what counts."
      ],
      "program": "epp",
      "program_name": "Education PLUS Program (EPP)",
      "projected_eligible_on": null,
      "requirements": [
        {
          "cutoff": null,
          "earned": 8.0,
          "id": "hours",
          "items": [
            {
              "capped": false,
              "earned": 8.0,
              "id": "education-hours",
              "label": "Contact hours of education",
              "max": null,
              "status": "inferred",
              "uncapped": 8.0
            }
          ],
          "label": "Education hours in the cycle",
          "met": false,
          "planned": 0.0,
          "records": [
            {
              "basis": "excluded",
              "counted": 0.0,
              "dated": "2023-03-24",
              "excluded": "dated 2023-03-24, before the first cycle began on 2023-07-01",
              "id": 1,
              "item": "education-hours",
              "planned": false,
              "points": 0.0,
              "raw": 0.0,
              "record": "education",
              "title": "Minnesota Municipal Clerks Institute, Year 1",
              "warnings": []
            },
            {
              "basis": "excluded",
              "counted": 0.0,
              "dated": "2024-03-22",
              "excluded": "dated 2024-03-22, in the cycle 2023-07-01 to 2025-07-31: hours do not carry over to the cycle 2025-07-01 to 2027-07-31",
              "id": 2,
              "item": "education-hours",
              "planned": false,
              "points": 0.0,
              "raw": 0.0,
              "record": "education",
              "title": "Minnesota Municipal Clerks Institute, Year 2",
              "warnings": []
            },
            {
              "basis": "excluded",
              "counted": 0.0,
              "dated": "2025-03-21",
              "excluded": "dated 2025-03-21, in the cycle 2023-07-01 to 2025-07-31: hours do not carry over to the cycle 2025-07-01 to 2027-07-31",
              "id": 3,
              "item": "education-hours",
              "planned": false,
              "points": 0.0,
              "raw": 0.0,
              "record": "education",
              "title": "Minnesota Municipal Clerks Institute, Year 3",
              "warnings": []
            },
            {
              "basis": "estimate",
              "counted": 6.5,
              "dated": "2025-10-08",
              "excluded": null,
              "id": 4,
              "item": "education-hours",
              "planned": false,
              "points": 6.5,
              "raw": 6.5,
              "record": "education",
              "title": "Election Law Update and Assessment",
              "warnings": []
            },
            {
              "basis": "estimate",
              "counted": 1.5,
              "dated": "2026-09-16",
              "excluded": null,
              "id": 5,
              "item": "education-hours",
              "planned": false,
              "points": 1.5,
              "raw": 1.5,
              "record": "education",
              "title": "Records Retention in the Cloud (webinar)",
              "warnings": []
            }
          ],
          "required": 30.0,
          "status": "verified",
          "unit": "hours"
        }
      ],
      "steps": [
        {
          "hint": null,
          "records": [],
          "text": "Education hours in the cycle: 22 more hours needed (8 of 30)."
        },
        {
          "hint": "clerkfolio designation add --program mmc --date YYYY-MM-DD",
          "records": [],
          "text": "MMC designation held: record the award date."
        }
      ]
    },
    "mmc": {
      "as_of": "2026-11-20",
      "authority": "IIMC",
      "checks": [
        {
          "detail": "0 of 60 points",
          "id": "points:advanced-education",
          "label": "Advanced Education: 60 points",
          "met": false,
          "status": "verified"
        },
        {
          "detail": "0 of 40 points",
          "id": "points:contributions",
          "label": "Professional Contributions: 40 points",
          "met": false,
          "status": "verified"
        },
        {
          "detail": "Full member",
          "id": "membership:type",
          "label": "Active IIMC member of a type that may certify (Full, Additional Full or Retired)",
          "met": true,
          "status": "inferred"
        },
        {
          "detail": "no CMC designation recorded",
          "id": "prerequisite:cmc",
          "label": "CMC designation held",
          "met": false,
          "status": "verified"
        }
      ],
      "cutoff": {
        "date": null,
        "designation": null,
        "reason": "counts only once the CMC is awarded (none recorded)"
      },
      "cycle": null,
      "effective_from": "2023-06-01",
      "eligible": false,
      "eligible_on": null,
      "fees": [
        {
          "amount": "$400.00",
          "label": "MMC Certification Fee (includes the MMC certificate and lapel pin)",
          "optional": false,
          "source": "'MMC Certification Fee = $400.00 - includes MMC Certificate and Lapel Pin' (IIMC MMC Program page); the page also mentions installment options",
          "status": "verified"
        },
        {
          "amount": "$40",
          "label": "Walnut plaque (US only)",
          "optional": true,
          "source": "'Walnut Plaque (optional) = $40 (US only) - total price will be $440.00' (IIMC MMC Program page)",
          "status": "verified"
        }
      ],
      "membership": {
        "active": true,
        "continuous_since": "2022-06-01",
        "cumulative_days": 1999,
        "current_type": "full",
        "eligible_on_continuous": "2022-06-01",
        "eligible_on_cumulative": null,
        "lapses": [
          {
            "from": "2022-02-01",
            "to": "2022-05-31"
          }
        ],
        "met": true,
        "organisation": "IIMC",
        "reading": "continuous",
        "reading_status": "verified",
        "type_allowed": true,
        "years_met": true,
        "years_required": 0
      },
      "missing": [
        "Advanced Education: 60 more points needed (0 of 60).",
        "Professional Contributions: 40 more points needed (0 of 40).",
        "CMC designation held: record the award date."
      ],
      "notes": [
        "Only material dated after your latest prior designation counts (the CMC, a CMC recertification or a prior level), and programs used (even in part) for the CMC cannot count again [S8].",
        "IIMC's MMC page names the categories Advanced Education and Professional Contributions; older pages and slides call the second one Professional and Social Contributions [S8].",
        "The Professional Contributions schedule is not published in our sources: points are the ones you claim."
      ],
      "program": "mmc",
      "program_name": "Master Municipal Clerk (MMC)",
      "projected_eligible_on": null,
      "requirements": [
        {
          "cutoff": {
            "date": null,
            "designation": null,
            "reason": "counts only once the CMC is awarded (none recorded)"
          },
          "earned": 0.0,
          "id": "advanced-education",
          "items": [
            {
              "capped": false,
              "earned": 0.0,
              "id": "academy-state",
              "label": "Advanced academy or institute sponsored by a state association",
              "max": null,
              "status": "sponsor",
              "uncapped": 0.0
            },
            {
              "capped": false,
              "earned": 0.0,
              "id": "academy",
              "label": "Advanced academy or institute (sponsor not recorded)",
              "max": null,
              "status": "inferred",
              "uncapped": 0.0
            },
            {
              "capped": false,
              "earned": 0.0,
              "id": "academy-other",
              "label": "Advanced academy or institute not sponsored by a state association",
              "max": null,
              "status": "open",
              "uncapped": 0.0
            },
            {
              "capped": false,
              "earned": 0.0,
              "id": "association",
              "label": "Association program (IIMC course-reviewed)",
              "max": null,
              "status": "verified",
              "uncapped": 0.0
            },
            {
              "capped": false,
              "earned": 0.0,
              "id": "other-education",
              "label": "Courses, conferences, webinars and other advanced education",
              "max": null,
              "status": "open",
              "uncapped": 0.0
            }
          ],
          "label": "Advanced Education",
          "met": false,
          "planned": 0.0,
          "records": [
            {
              "basis": "excluded",
              "counted": 0.0,
              "dated": "2023-03-24",
              "excluded": "counts only once the CMC is awarded (none recorded)",
              "id": 1,
              "item": "academy",
              "planned": false,
              "points": 0.0,
              "raw": 0.0,
              "record": "education",
              "title": "Minnesota Municipal Clerks Institute, Year 1",
              "warnings": []
            },
            {
              "basis": "excluded",
              "counted": 0.0,
              "dated": "2024-03-22",
              "excluded": "counts only once the CMC is awarded (none recorded)",
              "id": 2,
              "item": "academy",
              "planned": false,
              "points": 0.0,
              "raw": 0.0,
              "record": "education",
              "title": "Minnesota Municipal Clerks Institute, Year 2",
              "warnings": []
            },
            {
              "basis": "excluded",
              "counted": 0.0,
              "dated": "2025-03-21",
              "excluded": "counts only once the CMC is awarded (none recorded)",
              "id": 3,
              "item": "academy",
              "planned": false,
              "points": 0.0,
              "raw": 0.0,
              "record": "education",
              "title": "Minnesota Municipal Clerks Institute, Year 3",
              "warnings": []
            },
            {
              "basis": "excluded",
              "counted": 0.0,
              "dated": "2025-10-08",
              "excluded": "counts only once the CMC is awarded (none recorded)",
              "id": 4,
              "item": "association",
              "planned": false,
              "points": 0.0,
              "raw": 0.0,
              "record": "education",
              "title": "Election Law Update and Assessment",
              "warnings": []
            },
            {
              "basis": "excluded",
              "counted": 0.0,
              "dated": "2026-09-16",
              "excluded": "counts only once the CMC is awarded (none recorded)",
              "id": 5,
              "item": "other-education",
              "planned": false,
              "points": 0.0,
              "raw": 0.0,
              "record": "education",
              "title": "Records Retention in the Cloud (webinar)",
              "warnings": []
            }
          ],
          "required": 60.0,
          "status": "verified",
          "unit": "points"
        },
        {
          "cutoff": {
            "date": null,
            "designation": null,
            "reason": "counts only once the CMC is awarded (none recorded)"
          },
          "earned": 0.0,
          "id": "contributions",
          "items": [
            {
              "capped": false,
              "earned": 0.0,
              "id": "contributions-claimed",
              "label": "Contributions (service, conferences, associations, committees, teaching)",
              "max": null,
              "status": "open",
              "uncapped": 0.0
            }
          ],
          "label": "Professional Contributions",
          "met": false,
          "planned": 0.0,
          "records": [
            {
              "basis": "excluded",
              "counted": 0.0,
              "dated": "2022-12-31",
              "excluded": "counts only once the CMC is awarded (none recorded)",
              "id": 1,
              "item": "contributions-claimed",
              "planned": false,
              "points": 0.0,
              "raw": 0.0,
              "record": "experience",
              "title": "Deputy City Clerk",
              "warnings": []
            },
            {
              "basis": "excluded",
              "counted": 0.0,
              "dated": "2023-01-01",
              "excluded": "counts only once the CMC is awarded (none recorded)",
              "id": 2,
              "item": "contributions-claimed",
              "planned": false,
              "points": 0.0,
              "raw": 0.0,
              "record": "experience",
              "title": "City Clerk",
              "warnings": []
            },
            {
              "basis": "excluded",
              "counted": 0.0,
              "dated": "2025-06-30",
              "excluded": "counts only once the CMC is awarded (none recorded)",
              "id": 4,
              "item": "contributions-claimed",
              "planned": false,
              "points": 0.0,
              "raw": 0.0,
              "record": "experience",
              "title": "MCFOA Education Committee, member",
              "warnings": []
            }
          ],
          "required": 40.0,
          "status": "verified",
          "unit": "points"
        }
      ],
      "steps": [
        {
          "hint": null,
          "records": [],
          "text": "Advanced Education: 60 more points needed (0 of 60)."
        },
        {
          "hint": null,
          "records": [],
          "text": "Professional Contributions: 40 more points needed (0 of 40)."
        },
        {
          "hint": "clerkfolio designation add --program cmc --date YYYY-MM-DD",
          "records": [],
          "text": "CMC designation held: record the award date."
        }
      ]
    }
  }
};
