import Foundation

/// Every text in Norwegian bokmål.
extension Words {
    public static let nb = Words(
        yes: "ja",
        no: "nei",
        terms: TermWords(
            level: { level in
                switch level {
                case .municipal: "Kommune (1. linje)"
                case .state: "Stat (NAV, statsforvalter)"
                case .dps: "DPS (2. linje)"
                case .hospital: "Sykehus (3. linje)"
                case .civil: "Familie og sivilsamfunn"
                case nil: "Ukjent nivå"
                }
            },
            nodeKind: { kind in
                switch kind {
                case .user: "bruker"
                case .professional: "fagperson"
                case .service: "tjeneste"
                case .unit: "enhet"
                case .forum: "forum eller team"
                case .relative: "pårørende eller nettverk"
                }
            },
            edgeKind: { kind in
                switch kind {
                case .contact: "kontakt med bruker"
                case .collaboration: "samarbeid"
                case .member: "arbeider i / medlem av"
                case .referral: "henvisning"
                case .admission: "innleggelse"
                case .discharge: "utskrivning"
                case .message: "melding"
                case .epicrisis: "epikrise"
                case .meeting: "møte"
                case .reportsTo: "rapporterer til"
                case .order: "bestilling (vedtak)"
                case .agreement: "samarbeidsavtale"
                case .informal: "uformell kontakt"
                }
            },
            tier: { tier in
                switch tier {
                case .executive: "rådmann"
                case .sector: "sektor"
                case .unit: "enhet"
                case .department: "avdeling"
                case .service: "tjeneste"
                }
            },
            model: { model in
                switch model {
                case .staff: "stab"
                case .integrated: "integrert"
                case .ownUnit: "egen enhet"
                case .ownService: "egen tjeneste"
                }
            }
        ),
        legend: LegendWords(
            title: "Tegnforklaring",
            levels: "Nivå",
            nodes: "Noder",
            ties: "Bånd",
            coordinator: "dobbel kant: koordinator"
        ),
        network: NetworkWords(
            singlePointOfFailure: "tykk rød kant: sårbart knutepunkt",
            mentalHealthWork: "tykk lilla kant: psykisk helsearbeid",
            bridge: "tykk rød linje: bro"
        ),
        map: MapWords(
            title: { "Hjelpenettverkskart: " + $0 },
            met: { "møtt: \($0)" },
            sectors: "Sektorer",
            rings: "Ringer, fra sentrum",
            ringsOver: { "etter kontakter i " + $0 },
            ringNames: ["møtt 8 ganger eller mer", "møtt 4–7 ganger", "møtt 2–3 ganger", "møtt én gang", "ingen datert kontakt"],
            userAndHelper: "brukeren og en hjelper",
            userAndFamily: "brukeren og familie eller nettverk",
            betweenHelpers: "mellom hjelpere",
            familyAndHelper: "familie eller nettverk og en hjelper",
            isolated: "når ingen annen hjelper uten brukeren"
        ),
        pathway: PathwayWords(
            title: { "Forløp for " + $0 },
            months: ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"],
            indexDischarge: { "indeksutskrivning " + $0 },
            firstVisit: { "\($0): første besøk \($1)" },
            careEpisode: { "behandlingsepisode \($0)–\($1)" },
            brokenRelation: { "\($0): relasjon brutt ved en overgang" },
            informationRow: "informasjon gitt",
            crowdedNames: "Navn der det er trangt",
            followupCensored: "oppfølging: data slutter for tidlig",
            noFollowup: "ingen oppfølging",
            followup: { "oppfølging \($0) d" },
            municipalFollowup: { ", kommunal \($0) d" },
            noMunicipalFollowup: ", ingen kommunal",
            censored: "sensurert",
            bridged: "med bro",
            unbridged: "uten bro",
            transitionCounts: { "nye ansikter \($0), båret over \($1), brutt \($2), \($3)" },
            stay: { "opphold \($0) \($1)–\($2)" },
            stayOpen: " (åpent ved dataslutt)",
            stayTransfer: " (overflytting)",
            stayWithoutAdmission: " (utskrivning uten innleggelse)",
            legendStay: "innleggelse (stiplet: åpen ved dataslutt; prikket: ingen innleggelse registrert)",
            legendEpisode: { "behandlingsepisode (besøk høyst \($0) dager fra hverandre)" },
            legendVisit: "besøk (høy: det første hos den fagpersonen, navngitt over feltet; grå: ingen navngitt fagperson)",
            legendBrokenRelation: "siste besøk i en relasjon brutt ved en overgang (grå: ved en sensurert)",
            legendBridged: "nivåovergang med bro (noen fulgte med, eller informasjon ble gitt)",
            legendUnbridged: "nivåovergang uten bro",
            legendCensored: { "nivåovergang, sensurert (data slutter innen \($0) dager)" },
            legendInformation: "informasjon gitt: henvisning, melding, epikrise, møte",
            summary: { m in
                "\(m.levelTransitions ?? 0) nivåoverganger (\(m.censoredTransitions ?? 0) sensurert, utenfor tellingen), "
                    + "\(m.unbridgedTransitions ?? 0) uten bro; "
                    + "ved de usensurerte \(m.newFaces ?? 0) nye ansikter og \(m.brokenRelations ?? 0) brutte relasjoner; "
                    + "\(m.discharges) indeksutskrivning\(m.discharges == 1 ? "" : "er")"
            }
        ),
        handovers: HandoverWords(
            title: { "Overganger mellom tjenesteytere (etter \($0))" }
        ),
        cohort: CohortWords(
            title: { name, users, step in
                let unit = switch step { case .day: "dag"; case .week: "uke"; case .month: "måned" }
                return "Omsorgsnivå \(unit) for \(unit): \(name) (\(users) bruker\(users == 1 ? "" : "e"))"
            },
            state: { name in
                switch name {
                case "none": "ikke i behandling"
                case "municipal": "kommune"
                case "dps": "DPS"
                case "hospital": "sykehus"
                case "dps_outpatient": "DPS, poliklinisk"
                case "dps_inpatient": "DPS, innlagt"
                case "hospital_outpatient": "sykehus, poliklinisk"
                case "hospital_inpatient": "sykehus, innlagt"
                default: name
                }
            },
            axis: { step, alignment in
                let units = switch step { case .day: "dager"; case .week: "uker"; case .month: "måneder" }
                return switch alignment {
                case .first: "\(units) fra hver brukers første hendelse"
                case .calendar: step == .week ? "kalenderuker (fra mandag)" : "kalender\(units)"
                case .discharge: "\(units) etter første indeksutskrivning (fra dagen etter)"
                }
            },
            atRisk: "antall i risiko",
            share: "andel brukere",
            tooltip: { step, state, percent, count, total in "\(step): \(state) \(percent) % (\(count) av \(total))" },
            noUsers: "ingen bruker har en datert hendelse"
        ),
        structure: StructureWords(
            lineOfReport: "rapporteringslinje (all myndighet)",
            partialAuthority: "bare budsjett- eller personalansvar",
            professionalAuthority: "bare fagansvar",
            mentalHealthWork: "psykisk helsearbeid (med årsverk)",
            staffFunction: "stiplet boks: stab",
            interMunicipal: "dobbel kant: interkommunal",
            fte: { "PH \($0) årsverk" },
            organisation: "organisering",
            chartFigures: { "enheter \($0) · nivåer \($1) · kontrollspenn maks/snitt " },
            mentalHealthFigures: { "enheter med psykisk helsearbeid \($0) · årsverk \($1) · HHI \($2) · synlig " },
            model: "modell: ",
            purchaser: "bestiller ",
            roots: { "merk: \($0) enheter har ingen linje opp (hver er nivå 1)" },
            unitColumns: ["enhet", "nivå", "formelt nivå", "spenn", "dobbel", "delt", "årsverk", "årsverk under"]
        ),
        placement: PlacementWords(
            noFTE: "ingen årsverk oppgitt",
            figures: { "\($0) årsverk, \($1) % av oppgitte årsverk i psykisk helsearbeid" },
            tier: { "nivå \($0)" },
            rootTakenAsExecutive: "øverst uten oppgitt nivå, regnet som rådmann",
            tierTakenAsUnit: "uten oppgitt nivå, regnet som enhet",
            staff: { "\($0) (\($1)) er en stabsfunksjon (staff=true) → \($2)" },
            noMentalHealthNode: { "ingen node er merket som psykisk helsearbeid (mh=true) → \($0)" },
            spread: { "\($0) har flest oppgitte årsverk (\($1)), under 60 % → \($2)" },
            root: { "\($0) (\($1)) er øverst i organisasjonskartet → \($2)" },
            under: { "\($0) (\($1)) ligger under \($2) → \($3)" },
            noLine: { "\($0) (\($1)) er ikke på noen rapporteringslinje og regnes som tjeneste → \($2)" }
        ),
        reorganisation: ReorganisationWords(
            none: "ingen",
            formalLevel: { "nivå \($0)" },
            placement: { "\($0); viktigste enhet \($1); \($2) årsverk, \($3) enheter; nivåer \($4)" },
            unitsAdded: "enheter lagt til: ",
            unitsRemoved: "enheter fjernet: ",
            unitsMoved: "enheter flyttet: ",
            tiesAdded: "bånd lagt til: ",
            tiesRemoved: "bånd fjernet: ",
            forumsLost: "fora som forsvant: ",
            forumsAdded: "nye fora: ",
            placementBefore: "plassering av psykisk helsearbeid før: ",
            placementAfter: "plassering av psykisk helsearbeid etter: ",
            changes: { $0 + " — endringer" },
            added: "lagt til",
            moved: "flyttet (ny overordnet)",
            removed: "fjernet"
        ),
        comparison: ComparisonWords(
            headings: [
                "municipality": "kommune", "population": "innbyggere", "units": "enheter", "depth": "nivåer",
                "span_max": "kontrollspenn maks", "span_mean": "kontrollspenn snitt", "mh_units": "PH-enheter",
                "mh_fte": "PH-årsverk", "mh_fte_per_1000": "årsverk/1000", "model": "modell",
                "purchaser_provider": "bestiller–utfører", "hand_offs": "overleveringer", "dual_reporting": "dobbel linje",
                "authority_splits": "delt ansvar", "informal_ties": "uformelle", "forums": "fora",
                "inter_municipal_nodes": "interkomm.", "visible": "PH synlig",
            ],
            whyEachModel: "Hvorfor hver modell:\n"
        ),
        report: ReportWords(
            organisationChart: "Organisasjonskart",
            network: "Nettverk",
            pathway: { "Forløp: " + $0 },
            part: { "del \($0) av \($1) (rad \($2), kolonne \($3))" },
            andMore: { " og \($0) til" },
            suppressed: { "tall under \($0) vist som <\($0)" },
            wholeGraph: "Hele grafen",
            measure: "mål",
            value: "verdi",
            nodes: "noder",
            edgeRecords: "kanter",
            density: "tetthet",
            components: "komponenter",
            levelMixing: "nivåblanding",
            eiIndex: "E–I-indeks",
            singlePointsOfFailure: "sårbare knutepunkter",
            brokers: "Mellommenn (betweenness)",
            node: "node",
            degree: "grad",
            helperNetworks: "Hjelpenettverk",
            pathways: "Forløp",
            firstUsers: { "De første 20 av \($0) brukere." },
            levelTransitionsOf: "Nivåoverganger for ",
            transitionColumns: ["tid", "fra", "til", "nye ansikter", "båret over", "brutt", "bro", "sensurert"],
            transitionNote: { days in
                "En overgang er et skifte av omsorgsnivå — det høyeste nivået der et opphold eller en behandlingsepisode er åpen — "
                    + "ikke et besøk på et annet nivå: behandling på to nivåer samtidig er parallell behandling, ikke en overgang. "
                    + "Sensurert: data slutter mindre enn \(days) dager etter, "
                    + "så den holdes utenfor summene."
            },
            followupOf: "Oppfølging etter utskrivning for ",
            followupColumns: ["indeksutskrivning", "oppfølging, dager", "kommunal oppfølging, dager", "reinnlagt innen 30 dager",
                              "sensurert for 7 dager"],
            organisation: "Organisering",
            figure: "størrelse",
            depth: "antall nivåer",
            span: "kontrollspenn, maks / snitt",
            mentalHealthUnits: "enheter med psykisk helsearbeid",
            mentalHealthFTE: "årsverk psykisk helsearbeid",
            placementModel: "organisasjonsmodell",
            why: "hvorfor",
            visible: "synlig i organisasjonskartet",
            unitColumns: ["enhet", "nivå", "formelt nivå", "spenn", "dobbel linje", "delt ansvar", "årsverk", "årsverk under"],
            dataQuality: "Datakvalitet",
            qualityColumns: ["hva", "antall", "hvilke"],
            quality: [
                "undated_contacts": "udaterte kontakter",
                "visits_without_named_professional": "besøk uten navngitt fagperson",
                "visits_of_unknown_level": "besøk med ukjent nivå",
                "events_without_user": "hendelser mellom hjelpere uten bruker",
                "skipped_rows": "hoppet over rader",
                "unknown_levels": "noder med ukjent nivå",
                "unmatched_discharges": "utskrivninger uten innleggelse",
                "open_stays": "opphold åpne ved dataslutt",
                "repeated_admissions": "gjentatte innleggelser (sett bort fra)",
                "stay_events_of_unknown_level": "innleggelser og utskrivninger med ukjent nivå",
            ],
            validation: "valideringsfeil / -advarsler",
            reports: "Samhandling-rapporter",
            indexColumns: ["graf", "fil", "noder", "brukere"],
            madeBy: "Laget med Samhandling; ingenting på disse sidene hentes utenfra."
        ),
        measures: MeasureWords(
            names: [
                "helpers": "hjelpere",
                "relatives": "familie og nettverk",
                "services": "tjenester",
                "levels": "nivåer",
                "helper_ties": "bånd mellom hjelpere",
                "helper_density": "tetthet mellom hjelpere",
                "helper_groups": "grupper uten brukeren",
                "fragmentation": "fragmentering",
                "fragmentation_without_relatives": "fragmentering uten familie",
                "distance_fragmentation": "avstandsfragmentering",
                "key_helper": "nøkkelhjelper",
                "key_helper_fragmentation": "fragmentering uten nøkkelhjelperen",
                "coordinator_reach": "koordinatorens rekkevidde",
                "effective_size": "effektiv størrelse",
                "efficiency": "effektivitet",
                "constraint": "begrensning (constraint)",
                "care_density": "omsorgstetthet",
                "fragmented_care_density": "fragmentert omsorgstetthet",
                "contacts": "besøk",
                "providers": "fagpersoner møtt",
                "upc": "UPC",
                "coc": "COC",
                "secon": "SECON",
                "mmci": "MMCI",
                "hhi": "HHI",
                "handovers": "overleveringer",
                "level_switches": "nivåbytter (besøk til besøk)",
                "level_transitions": "nivåoverganger",
                "up_transitions": "overganger opp",
                "down_transitions": "overganger ned",
                "censored_transitions": "sensurerte overganger",
                "new_faces": "nye ansikter",
                "broken_relations": "brutte relasjoner",
                "unbridged_transitions": "overganger uten bro",
                "discontinuity_index": "diskontinuitetsindeks",
                "discharges": "indeksutskrivninger",
                "transfers": "overføringer",
                "censored_discharges": "sensurerte utskrivninger",
                "followup_days": "dager til oppfølging",
                "followup_7d": "fulgt opp innen 7 dager",
                "followup_30d": "fulgt opp innen 30 dager",
                "followup_municipal_days": "dager til kommunal oppfølging",
                "followup_municipal_7d": "kommunal oppfølging innen 7 dager",
                "readmissions_30d": "reinnleggelser innen 30 dager",
                "readmission_rate_30d": "andel reinnlagt innen 30 dager",
                "referral_wait_days": "dager fra henvisning til besøk",
                "concurrency_mean": "nivåer samtidig, snitt",
                "concurrency_max": "nivåer samtidig, flest",
            ],
            explanations: [
                "fragmentation": "andelen par av hjelpere som ikke når hverandre uten brukeren (0: alle henger sammen, 1: ingen)",
                "fragmentation_without_relatives": "det samme med familie og nettverk tatt ut også: hvor mye de holder hjelperne sammen",
                "distance_fragmentation": "som fragmentering, der par langt fra hverandre teller som delvis avskåret (Borgatti)",
                "key_helper": "hjelperen som ville etterlate de andre mest fragmentert om hen falt bort",
                "coordinator_reach": "andelen hjelpere en koordinator eller et forum har bånd til",
                "effective_size": "brukerens hjelpere minus overlapp (Burt): hvor mange uavhengige kontakter",
                "efficiency": "effektiv størrelse delt på antall hjelpere",
                "constraint": "hvor mye brukerens bånd går gjennom få hjelpere som henger sammen (Burt; høyere: mer avhengig av dem)",
                "care_density": "hvor mange brukere hvert par av brukerens hjelpere deler, i snitt (Pollack)",
                "upc": "usual provider continuity: andelen besøk hos fagpersonen som ble møtt oftest",
                "coc": "continuity of care: hvor samlet besøkene er på få fagpersoner (0–1)",
                "secon": "sekvensiell kontinuitet: andelen besøk hos samme fagperson som forrige besøk",
                "mmci": "modifisert kontinuitetsindeks: få fagpersoner over mange besøk gir en verdi nær 1",
                "hhi": "Herfindahl–Hirschman-indeks: summen av hver fagpersons kvadrerte andel av besøkene",
                "level_transitions": "et skifte av nivået brukeren får behandling på, ikke et besøk på et annet nivå",
                "discontinuity_index": "andelen nivåoverganger uten noen bro (organisert diskontinuitet)",
                "level_mixing": "andelen bånd mellom ulike nivåer",
                "ei_index": "bånd mellom nivåer minus bånd innen, delt på alle (−1 til 1; Krackhardt & Stern)",
                "betweenness": "hvor ofte en node ligger på de korteste veiene mellom andre: en mellommann",
            ]
        ),
        scenario: ScenarioWords(
            scope: { scope in
                switch scope {
                case .graph: "Hele grafen"
                case .user: "Hjelpenettverket til"
                case .pathway: "Forløpet til"
                case .structure: "Organisasjon"
                }
            },
            heading: { "Scenario: \($1) på \($0)" },
            noChanges: "Ingen mål endres.",
            brokers: { "Betweenness: de \($0) største endringene (av \($1) noder med endret sentralitet; alle i --format json eller csv)" },
            title: { $0 + " — scenario" },
            added: "lagt til",
            removed: "fjernet",
            moved: "flyttet (ny overordnet)",
            relevelled: "på nytt nivå",
            changed: "endrede attributter, eller slått sammen med"
        ),
        requirements: RequirementWords(
            title: "De sju funksjonskravene i veilederen for psykisk helsearbeid i kommunene",
            heading: { requirement in
                switch requirement {
                case .coordinated: "Sikre et tjenestetilbud som oppleves helhetlig og koordinert"
                case .professionalMilieu:
                    "Sikre et godt fagmiljø slik at brukerne får et kvalitativt godt tilbud og at de som jobber med psykisk helse opplever fagmiljøet som stimulerende"
                case .respect:
                    "Sikre at brukeren behandles med respekt, både som individ og gruppe samt at brukeren, også som individ og gruppe, har tillit til dem som skal utøve tjenesten og opplever å bli tatt med på råd"
                case .sharedValues: "Sikre at psykisk helsearbeid skjer med basis i et felles verdigrunnlag"
                case .continuity: "Sikre kontinuitet for brukeren gjennom stabile relasjoner og færrest mulig å forholde seg til"
                case .visible:
                    "Sikre at personer som har behov for hjelp får hjelp - at det psykiske helsearbeidet blir tydelig nok i organisasjonen og presentasjonen av denne utad"
                case .sufficient:
                    "Sikre at mennesker med psykiske lidelser får et tilstrekkelig tjenestetilbud i tråd med de rettigheter enkeltmennesker og grupper av personer har etter loven"
                }
            },
            short: { requirement in
                switch requirement {
                case .coordinated: "Helhetlig og koordinert"
                case .professionalMilieu: "Godt fagmiljø"
                case .respect: "Respekt, tillit, tatt med på råd"
                case .sharedValues: "Felles verdigrunnlag"
                case .continuity: "Kontinuitet, færrest mulig"
                case .visible: "Hjelp til dem som trenger det: tydelig"
                case .sufficient: "Tilstrekkelig tjenestetilbud"
                }
            },
            indicator: indicatorNameNorwegian,
            serviceKind: serviceKindNameNorwegian,
            time: timeNorwegian,
            timeShort: timeNorwegian,
            phrase: phraseNorwegian,
            missing: missingNorwegian,
            cannotTell: { requirement in
                switch requirement {
                case .coordinated:
                    "Om hjelperne faktisk deler planer og informasjon, og om brukeren opplever ett helhetlig tilbud: et bånd i grafen er et som noen har skrevet ned, ikke hvor godt det virker."
                case .professionalMilieu:
                    "Kompetanse, veiledning, rekruttering og om de ansatte opplever fagmiljøet som stimulerende; årsverk bare der et tall er oppgitt."
                case .respect:
                    "Respekt og tillit er opplevelser: bare brukeren kan si om hun blir tatt med på råd. Grafen viser på det meste hvem som sitter i et forum."
                case .sharedValues: "Felles verdier er ikke strukturelle: ingen graf viser dem, og de blir aldri målt."
                case .continuity:
                    "Om relasjonene var gode, og hvorfor hjelperne byttet; et organisasjonskart har ingen forløp (bestiller–utfører-overgangene under krav 6 er der det bygger inn et brudd)."
                case .visible:
                    "Hvordan arbeidet presenteres utad, og om de som trenger hjelp finner den: et kart viser hvor arbeidet ligger, ikke hvem det når."
                case .sufficient:
                    "Omfang, ventetid og kvalitet, og om rettighetene etter loven oppfylles: grafen viser at en type tjeneste finnes, ikke kapasiteten."
                }
            },
            need: { need in
                switch need {
                case .orgChart: "kan ikke vurderes: krever et organisasjonskart (reports_to-kanter)"
                case .users: "kan ikke vurderes: krever en brukers hjelpenettverk eller forløp"
                case .usersOrOrgChart: "kan ikke vurderes: krever brukere eller reports_to-kanter, og grafen har ingen av delene"
                case .graph: "kan ikke vurderes: en hendelseslogg har bare besøk, og dette krever en graf"
                }
            },
            notStructural: "ikke strukturelt: blir aldri målt",
            neither: { name, numbers in
                "\(name) har verken brukere eller reports_to-kanter: krav "
                    + RequirementText.series(numbers.map(String.init), and: "og")
                    + " kan ikke vurderes ut fra den (4, felles verdigrunnlag, blir aldri målt)."
            },
            key: "– ikke i dataene (aldri en dårlig verdi) · i.a. grafen kan ikke vise det",
            notApplicable: "i.a.",
            readings: "Hva hver linje bygger på",
            cannotTellHeading: "Hva dataene ikke kan si",
            columns: ["Krav", "Indikatorer", "Lesning", "Hva dataene ikke kan si"],
            before: "før",
            after: "etter",
            scenario: "De sju kravene, før → etter",
            andMore: { " og \($0) til" }
        )
    )
}

private func indicatorNameNorwegian(_ key: IndicatorKey) -> String {
        switch key {
        case .coordinatorReach: "koordinators rekkevidde"
        case .helperGroups: "hjelpergrupper uten brukeren"
        case .fragmentation: "fragmentering uten brukeren"
        case .keyHelper: "uten nøkkelhjelperen"
        case .forums: "fora"
        case .mhForums: "fora med psykisk helse"
        case .mhPartners: "samarbeidspartnere for psykisk helse"
        case .informalTies: "uformelle bånd"
        case .mhFTE: "årsverk psykisk helse"
        case .mhFTEPer1000: "årsverk per 1000 innbyggere"
        case .mhUnits: "enheter for psykisk helse"
        case .largestMHUnit: "årsverk i hovedenheten"
        case .interMunicipal: "interkommunale noder"
        case .voiceInForum: "fora med bruker eller familie"
        case .relatives: "pårørende, brukerorganisasjoner"
        case .coordinator: "koordinatorer navngitt"
        case .helpers: "hjelpere"
        case .handovers: "overleveringer"
        case .coc: "COC"
        case .upc: "UPC"
        case .discontinuityIndex: "diskontinuitetsindeks"
        case .brokenRelations: "brutte relasjoner"
        case .followup7d: "fulgt opp innen 7 dager"
        case .mhMarked: "psykisk helse merket"
        case .mhHelpers: "hjelpere i psykisk helse"
        case .mhFormalLevel: "formelt nivå for psykisk helse"
        case .placementModel: "organisasjonsmodell"
        case .entryPoints: "innganger"
        case .purchaserHandOffs: "bestiller–utfører-overganger"
        case .serviceKinds: "tjenestetyper funnet (av 6)"
        case .outOfHours: "kveld, natt, helg"
        }
}

private func serviceKindNameNorwegian(_ kind: ServiceKind) -> String {
        switch kind {
        case .gp: "fastlege"
        case .homeServices: "hjemmetjenester"
        case .mentalHealth: "psykisk helsetjeneste"
        case .nav: "NAV"
        case .housing: "bolig"
        case .dps: "DPS"
        }
}

private func phraseNorwegian(_ indicator: Indicator) -> String {
        let names = RequirementText.names(indicator.evidence) { " og \($0) til" }
        let first = indicator.evidence.first.map { "«\($0)»" } ?? "?"
        func number(_ x: Double) -> String { RequirementText.number(x) }
        func plural(_ n: Int, _ one: String, _ many: String) -> String { "\(n) " + (n == 1 ? one : many) }
        switch (indicator.key, indicator.value) {
        case let (.coordinatorReach, .share(reached, of: all)?): return "\(first) når \(reached) av \(all) hjelpere"
        case let (.helperGroups, .count(groups)?):
            return "uten brukeren danner hjelperne " + plural(groups, "gruppe", "grupper")
                + (indicator.evidence.isEmpty ? "" : " (alene: \(names))")
        case let (.fragmentation, .number(x)?): return "fragmentering \(number(x))"
        case let (.keyHelper, .change(from, to)?):
            return "uten \(first) går den fra \(from.map(number) ?? "–") til \(number(to))"
        case let (.forums, .count(n)?): return n == 0 ? "ingen fora" : plural(n, "forum", "fora") + " (\(names))"
        case let (.mhForums, .count(n)?):
            return n == 0 ? "psykisk helse er ikke med i noe forum" : "psykisk helse er med i " + plural(n, "forum", "fora") + " (\(names))"
        case let (.mhPartners, .count(n)?):
            return n == 0 ? "psykisk helse har ingen samarbeidsbånd" : "psykisk helse samarbeider med \(n) (\(names))"
        case let (.informalTies, .count(n)?): return n == 0 ? "ingen uformelle bånd" : plural(n, "uformelt bånd", "uformelle bånd") + " (\(names))"
        case let (.mhFTE, .number(x)?): return "\(number(x)) årsverk psykisk helse oppgitt (\(names))"
        case let (.mhFTEPer1000, .number(x)?): return "\(number(x)) per 1000 innbyggere (folketall \(indicator.evidence.first ?? "?"))"
        case let (.mhUnits, .count(n)?):
            return n == 0 ? "ingen enhet for psykisk helse" : plural(n, "enhet", "enheter") + " for psykisk helse (\(names))"
        case let (.largestMHUnit, .number(x)?): return "hovedenheten, \(first), har \(number(x)) årsverk"
        case let (.interMunicipal, .count(n)?):
            return n == 0 ? "ikke noe interkommunalt i kartet" : plural(n, "interkommunal node", "interkommunale noder") + " (\(names))"
        case let (.voiceInForum, .share(heard, of: all)?):
            return "brukeren eller familien er med i \(heard) av \(all) " + (all == 1 ? "forum" : "fora") + " (\(names))"
        case let (.relatives, .count(n)?):
            return n == 0 ? "ingen pårørende eller brukerorganisasjon"
                : plural(n, "pårørende eller brukerorganisasjon", "pårørende eller brukerorganisasjoner") + " (\(names))"
        case (.coordinator, .count?): return "koordinator: \(names)"
        case let (.helpers, .count(n)?): return plural(n, "hjelper", "hjelpere")
        case let (.handovers, .count(n)?): return plural(n, "overlevering", "overleveringer")
        case let (.coc, .number(x)?): return "COC \(number(x))"
        case let (.upc, .number(x)?): return "UPC \(number(x))"
        case let (.discontinuityIndex, .number(x)?): return "diskontinuitetsindeks \(number(x))"
        case let (.brokenRelations, .count(n)?): return plural(n, "brutt relasjon", "brutte relasjoner")
        case let (.followup7d, .number(x)?):
            return "fulgt opp innen 7 dager: andel \(number(x)) av " + plural(indicator.evidence.count, "indeksutskrivning", "indeksutskrivninger") + " (\(names))"
        case let (.mhMarked, .flag(marked)?):
            return marked ? "merket som psykisk helsearbeid: \(names)" : "ingen node er merket som psykisk helsearbeid (mh=true)"
        case let (.mhHelpers, .count(n)?):
            return n == 0 ? "ingen hjelper i psykisk helsearbeid" : plural(n, "hjelper", "hjelpere") + " i psykisk helsearbeid (\(names))"
        case let (.mhFormalLevel, .level(level)?): return "\(first) på formelt nivå \(level)"
        case let (.placementModel, .model(_, reason)?): return "modell: " + reason.sentence(.nb)
        case let (.entryPoints, .count(n)?): return plural(n, "inngang", "innganger") + " (\(names))"
        case let (.purchaserHandOffs, .count(n)?):
            return n == 0 ? "ingen bestiller–utfører-overgang" : plural(n, "bestiller–utfører-overgang", "bestiller–utfører-overganger") + " (\(names))"
        case let (.serviceKinds, .kinds(found)?):
            let missing = ServiceKind.allCases.filter { kind in !found.contains { $0.kind == kind } }
            return "\(found.count) av 6 tjenestetyper: " + found.map { serviceKindNameNorwegian($0.kind) + " «\($0.node)»" }
                .joined(separator: ", ")
                + (missing.isEmpty ? "" : "; ikke funnet i dataene: " + missing.map(serviceKindNameNorwegian).joined(separator: ", "))
        case let (.outOfHours, .times(times)?):
            return times.map(timeNorwegian).joined(separator: ", ") + " (\(names))"
        default: return indicatorNameNorwegian(indicator.key)
        }
}

private func missingNorwegian(_ indicator: Indicator) -> String {
        let what = indicatorNameNorwegian(indicator.key)
        switch indicator.key {
        case .coordinatorReach: return "ingen koordinator (coordinator=true) eller forum i dataene"
        case .helperGroups: return "ingen hjelpere"
        case .fragmentation: return "fragmentering krever to hjelpere"
        case .keyHelper: return "en nøkkelhjelper krever tre hjelpere"
        case .mhForums, .mhPartners, .mhHelpers, .entryPoints: return "ingen node er merket som psykisk helsearbeid (mh=true)"
        case .mhFTE: return "ingen årsverk psykisk helse oppgitt (mh_fte)"
        case .mhFTEPer1000: return "årsverk per 1000 innbyggere krever oppgitte årsverk og folketall"
        case .largestMHUnit:
            return indicator.evidence.isEmpty ? "ingen node er merket som psykisk helsearbeid (mh=true)" : "ingen årsverk oppgitt for «\(indicator.evidence[0])»"
        case .voiceInForum: return "ingen fora, eller ingen bruker eller familie, å se i dataene"
        case .relatives: return "kartet nevner ingen bruker- eller pårørendeorganisasjon"
        case .coordinator: return "ingen koordinator merket (coordinator=true)"
        case .handovers, .coc, .upc: return "\(what): for få daterte besøk"
        case .discontinuityIndex: return "ingen usensurert nivåovergang"
        case .brokenRelations: return "brutte relasjoner: ingen innleggelse eller behandlingsepisode"
        case .followup7d: return "ingen indeksutskrivning"
        case .mhFormalLevel:
            return indicator.evidence.isEmpty ? "ingen node er merket som psykisk helsearbeid (mh=true)" : "«\(indicator.evidence[0])» står ikke på noen rapporteringslinje"
        case .outOfHours: return "dataene sier ikke når det er hjelp utenom kontortid"
        default: return "\(what): ikke i dataene"
        }
}

private func timeNorwegian(_ time: OutOfHours) -> String {
    switch time {
    case .evening: "kveld"
    case .night: "natt"
    case .weekend: "helg"
    }
}
