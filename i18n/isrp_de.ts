<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
<context>
    <name>AccessibilityAlgorithm</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility.py" line="37" />
        <source>Accessibility of facilities (nearest, k nearest)</source>
        <translation>Erreichbarkeit von Einrichtungen (nächste, k nächste)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility.py" line="40" />
        <source>Analyses</source>
        <translation>Analysen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility.py" line="98" />
        <source>Accessibility (demand points)</source>
        <translation>Erreichbarkeit (Nachfragepunkte)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility.py" line="100" />
        <source>Accessibility per unit</source>
        <translation>Erreichbarkeit je Raumeinheit</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility.py" line="117" />
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility.py" line="140" />
        <source>OUTPUT_UNITS needs UNITS (a polygon layer) or DEMAND_UNIT_FIELD.</source>
        <translation>OUTPUT_UNITS braucht UNITS (einen Polygonlayer) oder DEMAND_UNIT_FIELD.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility.py" line="46" />
        <source>For every demand point: the nearest facility (optionally of one type, via the filter) and, with K &gt; 1, the k nearest, along the street network as QGIS's own network analysis measures it, or in a straight line.

Every point is tied to the nearest point of the nearest street segment. The network distance runs between the tied points; the straight legs from a point to its tied point (access legs) are reported separately. Facilities are ranked by the whole trip (both legs + network), in metres or in minutes (COST_UNIT); the cut-off MAX_COST and the THRESHOLDS use the same measure. Points farther than MAX_ACCESS_DISTANCE from the network are not connected. Walking and cycling use every street both ways; the car mode respects ONEWAY_FIELD and SPEED_FIELD. With ROAD_CLASS_FIELD (e.g. the OSM highway tag) every mode takes its speeds from a road-class table in km/h, where 0 means the mode may not use the class (cars on footways, pedestrians on motorways): the shipped table (resources/catalogues/road_speeds.csv), changed or extended for the chosen mode by SPEED_TABLE, e.g. primary=50; residential=30; footway=0. Classes without a speed run at the mode's speed (SPEED, else the ISRP settings; car 50 km/h); classes missing from the table are listed in the log. Points are tied only to streets open to the mode. The street network is built once and reused while the layer is unchanged.

Output point layer (the demand points with their attributes, in the analysis CRS) plus:
population: the target population used (sum of POPULATION_FIELD)
unit_id: the unit of the point (when units are given)
fac_id: id of the nearest facility (FACILITY_ID_FIELD, else its feature id); NULL if none is reached
net_dist_m: network distance between the tied points, metres (straight line: the straight distance)
access_m: access leg of the demand point to the network, metres
fac_access_m: access leg of the facility, metres
dist_m: whole trip = access_m + net_dist_m + fac_access_m, metres
time_min: whole trip in minutes (network at the mode's speed, legs at walking speed)
reachable: 1 if a facility is reached within the cut-off, else 0
status: ok, not_connected (farther than MAX_ACCESS_DISTANCE from the network), other_component (no facility in its part of the network), beyond_cutoff, no_path (only one-way streets lead the wrong way) or no_geometry
fac_id_j, net_dist_m_j, dist_m_j, time_min_j: the same for the j-th nearest facility (j = 2 … K)

Optional per-unit summary (OUTPUT_UNITS, needs UNITS or DEMAND_UNIT_FIELD): see “Accessibility per unit”, same fields.

Optional problem points (OUTPUT_PROBLEMS): every point the diagnostics name (not connected, small network component, facility off the network, duplicate or NULL facility id, NULL population, empty geometry) with layer, feature_id, item_id (facility id), problem, detail and access_m (metres).

Nothing is dropped: unreached points keep their row with a status, and the log lists counts and feature ids of every problem.</source>
        <translation>Für jeden Nachfragepunkt: die nächste Einrichtung (wahlweise nur eines Typs, über den Filter) und mit K &gt; 1 die k nächsten, entlang des Straßennetzes so gemessen wie in der Netzwerkanalyse von QGIS selbst, oder in der Luftlinie.

Jeder Punkt wird an den nächsten Punkt des nächsten Straßensegments angebunden. Die Netzdistanz verläuft zwischen den Anbindungspunkten; die geraden Wege von einem Punkt zu seinem Anbindungspunkt (Zugangswege) werden getrennt ausgewiesen. Einrichtungen werden nach dem ganzen Weg (beide Zugangswege + Netz) gereiht, in Metern oder Minuten (COST_UNIT); die Obergrenze MAX_COST und die THRESHOLDS verwenden dasselbe Maß. Punkte, die weiter als MAX_ACCESS_DISTANCE vom Netz entfernt sind, gelten als nicht angebunden. Zu Fuß und mit dem Fahrrad ist jede Straße in beiden Richtungen nutzbar; der Automodus beachtet ONEWAY_FIELD und SPEED_FIELD. Mit ROAD_CLASS_FIELD (z. B. dem OSM-Merkmal highway) nimmt jedes Verkehrsmittel seine Geschwindigkeiten aus einer Straßenklassentabelle in km/h, in der 0 bedeutet, dass das Verkehrsmittel die Klasse nicht benutzen darf (Autos auf Fußwegen, Fußgänger auf Autobahnen): die mitgelieferte Tabelle (resources/catalogues/road_speeds.csv), für das gewählte Verkehrsmittel geändert oder ergänzt durch SPEED_TABLE, z. B. primary=50; residential=30; footway=0. Klassen ohne Geschwindigkeit gelten mit der Geschwindigkeit des Verkehrsmittels (SPEED, sonst die ISRP-Einstellungen; Auto 50 km/h); Klassen, die in der Tabelle fehlen, werden im Protokoll genannt. Punkte werden nur an Straßen angebunden, die für das Verkehrsmittel offen sind. Das Straßennetz wird einmal aufgebaut und wiederverwendet, solange der Layer unverändert bleibt.

Ausgabe-Punktlayer (die Nachfragepunkte mit ihren Attributen, im Analyse-KBS) und zusätzlich:
population: die verwendete Zielbevölkerung (Summe der POPULATION_FIELD)
unit_id: die Raumeinheit des Punkts (wenn Raumeinheiten angegeben sind)
fac_id: Kennung der nächsten Einrichtung (FACILITY_ID_FIELD, sonst ihre Objekt-ID); NULL, wenn keine erreicht wird
net_dist_m: Netzdistanz zwischen den Anbindungspunkten, Meter (Luftlinie: die Luftliniendistanz)
access_m: Zugangsweg des Nachfragepunkts zum Netz, Meter
fac_access_m: Zugangsweg der Einrichtung, Meter
dist_m: ganzer Weg = access_m + net_dist_m + fac_access_m, Meter
time_min: ganzer Weg in Minuten (Netz mit der Geschwindigkeit des Verkehrsmittels, Zugangswege zu Fuß)
reachable: 1, wenn eine Einrichtung innerhalb der Obergrenze erreicht wird, sonst 0
status: ok, not_connected (weiter als MAX_ACCESS_DISTANCE vom Netz), other_component (keine Einrichtung in seinem Teil des Netzes), beyond_cutoff (jenseits der Obergrenze), no_path (nur Einbahnstraßen in falscher Richtung) oder no_geometry (keine Geometrie)
fac_id_j, net_dist_m_j, dist_m_j, time_min_j: dasselbe für die j-nächste Einrichtung (j = 2 … K)

Optionale Zusammenfassung je Raumeinheit (OUTPUT_UNITS, braucht UNITS oder DEMAND_UNIT_FIELD): siehe „Erreichbarkeit je Raumeinheit“, dieselben Felder.

Optionale Problempunkte (OUTPUT_PROBLEMS): jeder Punkt, den die Prüfungen nennen (nicht angebunden, kleine Netzkomponente, Einrichtung abseits des Netzes, doppelte oder fehlende Einrichtungskennung, fehlende Bevölkerung, leere Geometrie) mit layer, feature_id, item_id (Einrichtungskennung), problem, detail und access_m (Meter).

Nichts geht verloren: Punkte ohne erreichte Einrichtung behalten ihre Zeile mit einem Status, und das Protokoll nennt Anzahl und Objekt-IDs jedes Problems.</translation>
    </message>
</context>
<context>
    <name>AccessibilityByUnitAlgorithm</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_by_unit.py" line="80" />
        <source>Accessibility per unit</source>
        <translation>Erreichbarkeit je Raumeinheit</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_by_unit.py" line="38" />
        <source>Analyses</source>
        <translation>Analysen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_by_unit.py" line="44" />
        <source>How well the population of each unit (district, social space) reaches the nearest facility: the nearest facility of every demand point is found as in “Accessibility of facilities” (network or straight line, same parameters) and summarised per unit, weighted by the population of the points (POPULATION_FIELD; several fields are added up, e.g. pop_0_3 + pop_3_6 for children under 6; NULL counts as 0 and is reported; without a field every point counts 1).

Points belong to a unit by point in polygon (UNITS), or by a unit id field of the demand points (DEMAND_UNIT_FIELD; matched against UNIT_ID_FIELD when UNITS is given as well). Points in no unit are summarised in an extra row with NULL unit fields; units without points get population 0.

Output (the units with their attributes and geometry, or a table of unit ids), in the unit of COST_UNIT (m = metres of the whole trip dist_m, min = minutes time_min):
n_points: demand points in the unit
population: target population of the unit
pop_reached: population that reaches a facility (within the cut-off)
pop_unreached: population that reaches none — never dropped; split into pop_not_connected (farther than MAX_ACCESS_DISTANCE from the network), pop_other_component (no facility in its part of the network), pop_beyond_cutoff, pop_no_path (one-way streets) and pop_no_geometry
mean_m / mean_min: population-weighted mean over the population that reaches a facility
median_m / median_min: population-weighted median (the smallest value reached by half of that population)
pop_&lt;t&gt;m / pop_&lt;t&gt;min: population within threshold t
share_&lt;t&gt;m / share_&lt;t&gt;min: that population as a share (0–1) of the unit's whole population (unreached population counts as not within); NULL for a unit without population</source>
        <translation>Wie gut die Bevölkerung jeder Raumeinheit (Ortsteil, Sozialraum) die nächste Einrichtung erreicht: Die nächste Einrichtung jedes Nachfragepunkts wird wie in „Erreichbarkeit von Einrichtungen“ bestimmt (Netz oder Luftlinie, dieselben Parameter) und je Raumeinheit zusammengefasst, gewichtet mit der Bevölkerung der Punkte (POPULATION_FIELD; mehrere Felder werden addiert, z. B. pop_0_3 + pop_3_6 für Kinder unter 6; NULL zählt als 0 und wird gemeldet; ohne Feld zählt jeder Punkt 1).

Punkte gehören per Punkt-in-Polygon zu einer Raumeinheit (UNITS) oder über ein Feld der Nachfragepunkte mit der Kennung der Raumeinheit (DEMAND_UNIT_FIELD; abgeglichen mit UNIT_ID_FIELD, wenn auch UNITS angegeben ist). Punkte außerhalb aller Raumeinheiten werden in einer eigenen Zeile mit leeren (NULL) Feldern der Raumeinheit zusammengefasst; Raumeinheiten ohne Punkte erhalten die Bevölkerung 0.

Ausgabe (die Raumeinheiten mit ihren Attributen und ihrer Geometrie oder eine Tabelle der Kennungen), in der Einheit von COST_UNIT (m = Meter des ganzen Wegs dist_m, min = Minuten time_min):
n_points: Nachfragepunkte in der Raumeinheit
population: Zielbevölkerung der Raumeinheit
pop_reached: Bevölkerung, die eine Einrichtung erreicht (innerhalb der Obergrenze)
pop_unreached: Bevölkerung, die keine erreicht — wird nie weggelassen; aufgeteilt in pop_not_connected (weiter als MAX_ACCESS_DISTANCE vom Netz), pop_other_component (keine Einrichtung in ihrem Teil des Netzes), pop_beyond_cutoff, pop_no_path (Einbahnstraßen) und pop_no_geometry
mean_m / mean_min: bevölkerungsgewichteter Mittelwert über die Bevölkerung, die eine Einrichtung erreicht
median_m / median_min: bevölkerungsgewichteter Median (der kleinste Wert, den die Hälfte dieser Bevölkerung erreicht)
pop_&lt;t&gt;m / pop_&lt;t&gt;min: Bevölkerung innerhalb des Schwellenwerts t
share_&lt;t&gt;m / share_&lt;t&gt;min: diese Bevölkerung als Anteil (0–1) an der ganzen Bevölkerung der Raumeinheit (nicht versorgte Bevölkerung zählt als außerhalb); NULL für eine Raumeinheit ohne Bevölkerung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_by_unit.py" line="96" />
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_by_unit.py" line="104" />
        <source>Set UNITS (a polygon layer) or DEMAND_UNIT_FIELD (a unit id field of the demand points).</source>
        <translation>UNITS (einen Polygonlayer) oder DEMAND_UNIT_FIELD (ein Feld mit der Raumeinheit an den Nachfragepunkten) angeben.</translation>
    </message>
</context>
<context>
    <name>AccessibilityJob</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="472" />
        <source>THRESHOLDS: “{0}” is not a positive number (list: “{1}”)</source>
        <translation>THRESHOLDS: „{0}“ ist keine positive Zahl (Liste: „{1}“)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="482" />
        <source>Layer “{0}” ({1}) has no valid CRS: set its CRS (Layer Properties → Source) and run again.</source>
        <translation>Layer „{0}“ ({1}) hat kein gültiges KBS: KBS festlegen (Layereigenschaften → Quelle) und erneut ausführen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="490" />
        <source>Analysis CRS: {0} (of layer “{1}”), distances in metres.</source>
        <translation>Analyse-KBS: {0} (von Layer „{1}“), Distanzen in Metern.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="493" />
        <source>the project CRS</source>
        <translation>das Projekt-KBS</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="493" />
        <source>the UTM zone of the data</source>
        <translation>die UTM-Zone der Daten</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="494" />
        <source>Layer “{0}” is in {1}, which is not a metric CRS (geographic degrees or other units): all layers are reprojected to {2} ({3}) and distances are measured there in metres. The output layers are in {2}.</source>
        <translation>Layer „{0}“ liegt in {1}, keinem metrischen KBS (geografische Grad oder andere Einheiten): Alle Layer werden nach {2} ({3}) umprojiziert, und Distanzen werden dort in Metern gemessen. Die Ausgabelayer liegen in {2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="502" />
        <source>Layer “{0}” ({1}) is reprojected to {2}.</source>
        <translation>Layer „{0}“ ({1}) wird nach {2} umprojiziert.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="512" />
        <source>Layer “{0}” has no field “{1}” (FACILITY_ID_FIELD).</source>
        <translation>Layer „{0}“ hat kein Feld „{1}“ (FACILITY_ID_FIELD).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="520" />
        <source>FACILITY_FILTER for layer “{0}” is not a valid expression: {1}</source>
        <translation>FACILITY_FILTER für Layer „{0}“ ist kein gültiger Ausdruck: {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="526" />
        <source>FACILITY_FILTER “{0}” uses field(s) {1} that layer “{2}” does not have.</source>
        <translation>FACILITY_FILTER „{0}“ verwendet Feld(er) {1}, die Layer „{2}“ nicht hat.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="534" />
        <source>Layer “{0}” has no field “{1}”.</source>
        <translation>Layer „{0}“ hat kein Feld „{1}“.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="539" />
        <source>No facilities: no feature of layer “{0}” matches the filter {1}.</source>
        <translation>Keine Einrichtungen: Kein Objekt von Layer „{0}“ passt zum Filter {1}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="541" />
        <source>No facilities: layer “{0}” has no features.</source>
        <translation>Keine Einrichtungen: Layer „{0}“ hat keine Objekte.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="550" />
        <source>Facilities: {0} features of layer “{1}”{2}.</source>
        <translation>Einrichtungen: {0} Objekte von Layer „{1}“{2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="550" />
        <source> matching {0}</source>
        <translation> mit {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="556" />
        <source>Layer “{0}”: {1} facilities have no id (NULL in field “{2}”); their fac_id is NULL: feature ids {3}</source>
        <translation>Layer „{0}“: {1} Einrichtungen haben keine Kennung (NULL im Feld „{2}“); ihre fac_id ist NULL: Objekt-IDs {3}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="560" />
        <source>facility id is NULL</source>
        <translation>Einrichtungskennung ist NULL</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="567" />
        <source>Layer “{0}”: {1} duplicate facility ids in field “{2}” ({3} features); results cannot tell these facilities apart: {4}</source>
        <translation>Layer „{0}“: {1} doppelte Einrichtungskennungen im Feld „{2}“ ({3} Objekte); die Ergebnisse können diese Einrichtungen nicht unterscheiden: {4}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="573" />
        <source>facility id {0} is used {1} times</source>
        <translation>Einrichtungskennung {0} kommt {1}-mal vor</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="669" />
        <source>Layer “{0}”: {1} multipoint features, their first point is used: feature ids {2}</source>
        <translation>Layer „{0}“: {1} Multipunkt-Objekte, jeweils ihr erster Punkt wird verwendet: Objekt-IDs {2}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="589" />
        <source>Layer “{0}”: {1} features have no usable point geometry (empty, NULL or not finite) and cannot be placed: feature ids {2}</source>
        <translation>Layer „{0}“: {1} Objekte haben keine brauchbare Punktgeometrie (leer, NULL oder nicht endlich) und können nicht verortet werden: Objekt-IDs {2}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="595" />
        <source>no usable point geometry</source>
        <translation>keine brauchbare Punktgeometrie</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="614" />
        <source>Layer “{0}” has no field “{1}” (POPULATION_FIELD).</source>
        <translation>Layer „{0}“ hat kein Feld „{1}“ (POPULATION_FIELD).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="617" />
        <source>Field “{0}” of layer “{1}” is not numeric and cannot be used as population (POPULATION_FIELD).</source>
        <translation>Feld „{0}“ von Layer „{1}“ ist nicht numerisch und kann nicht als Bevölkerung dienen (POPULATION_FIELD).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="620" />
        <source>POPULATION_FIELD: choose at least one numeric field of layer “{0}”.</source>
        <translation>POPULATION_FIELD: mindestens ein numerisches Feld von Layer „{0}“ wählen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="625" />
        <source>Layer “{0}” has no field “{1}” (DEMAND_UNIT_FIELD).</source>
        <translation>Layer „{0}“ hat kein Feld „{1}“ (DEMAND_UNIT_FIELD).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="638" />
        <source>Layer “{0}” (DEMAND) has no features.</source>
        <translation>Layer „{0}“ (DEMAND) hat keine Objekte.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="652" />
        <source>1 per point</source>
        <translation>1 je Punkt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="658" />
        <source>Layer “{0}”: {1} points have NULL in a population field ({2}); NULL counts as 0: feature ids {3}</source>
        <translation>Layer „{0}“: {1} Punkte haben NULL in einem Bevölkerungsfeld ({2}); NULL zählt als 0: Objekt-IDs {3}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="662" />
        <source>NULL population ({0})</source>
        <translation>Bevölkerung NULL ({0})</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="666" />
        <source>Layer “{0}”: {1} points have a negative population: feature ids {2}</source>
        <translation>Layer „{0}“: {1} Punkte haben eine negative Bevölkerung: Objekt-IDs {2}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="680" />
        <source>Set UNITS (a polygon layer) or DEMAND_UNIT_FIELD (a unit id field of the demand points).</source>
        <translation>UNITS (einen Polygonlayer) oder DEMAND_UNIT_FIELD (ein Feld mit der Raumeinheit an den Nachfragepunkten) angeben.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="701" />
        <source>Units: {0} distinct values of field “{1}” of the demand points.</source>
        <translation>Raumeinheiten: {0} verschiedene Werte des Felds „{1}“ der Nachfragepunkte.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="704" />
        <source>{0} demand points have no unit (NULL in “{1}”); they are summarised in a row with a NULL unit.</source>
        <translation>{0} Nachfragepunkte haben keine Raumeinheit (NULL in „{1}“); sie werden in einer Zeile mit leerer (NULL) Raumeinheit zusammengefasst.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="711" />
        <source>Layer “{0}” has no field “{1}” (UNIT_ID_FIELD).</source>
        <translation>Layer „{0}“ hat kein Feld „{1}“ (UNIT_ID_FIELD).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="729" />
        <source>Layer “{0}” (UNITS) has no features.</source>
        <translation>Layer „{0}“ (UNITS) hat keine Objekte.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="731" />
        <source>Layer “{0}”: {1} units have an empty geometry: feature ids {2}</source>
        <translation>Layer „{0}“: {1} Raumeinheiten haben eine leere Geometrie: Objekt-IDs {2}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="734" />
        <source>Layer “{0}”: {1} units have an invalid geometry (repaired with makeValid for the point-in-polygon test): feature ids {2}</source>
        <translation>Layer „{0}“: {1} Raumeinheiten haben eine ungültige Geometrie (für den Punkt-in-Polygon-Test mit makeValid repariert): Objekt-IDs {2}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="753" />
        <source>{0} values of the demand points' field “{1}” match no “{2}” of layer “{3}”: {4}</source>
        <translation>{0} Werte des Felds „{1}“ der Nachfragepunkte passen zu keinem „{2}“ von Layer „{3}“: {4}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="756" />
        <source>by the field “{0}” of the demand points</source>
        <translation>über das Feld „{0}“ der Nachfragepunkte</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="760" />
        <source>by point in polygon</source>
        <translation>per Punkt-in-Polygon</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="763" />
        <source>Units: {0} features of layer “{1}”; demand points assigned {2}.</source>
        <translation>Raumeinheiten: {0} Objekte von Layer „{1}“; Nachfragepunkte zugeordnet {2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="778" />
        <source>Mode “{0}” needs a street network: set NETWORK (a line layer) or choose the straight-line mode.</source>
        <translation>Verkehrsmittel „{0}“ braucht ein Straßennetz: NETWORK (einen Linienlayer) angeben oder den Luftlinienmodus wählen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="793" />
        <source>Layer “{0}” has no field “{1}” ({2}).</source>
        <translation>Layer „{0}“ hat kein Feld „{1}“ ({2}).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="810" />
        <source>Layer “{0}” cannot be used as a network: {1}</source>
        <translation>Layer „{0}“ kann nicht als Netz dienen: {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="815" />
        <source>Layer “{0}” (NETWORK) has no line segments to route on.</source>
        <translation>Layer „{0}“ (NETWORK) hat keine Liniensegmente, auf denen geroutet werden kann.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="818" />
        <source>reused from the cache</source>
        <translation>aus dem Zwischenspeicher wiederverwendet</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="818" />
        <source>built in {0:.2f} s</source>
        <translation>aufgebaut in {0:.2f} s</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="819" />
        <source>Street network “{0}”: {1} lines → {2} nodes, {3} edges ({4}).</source>
        <translation>Straßennetz „{0}“: {1} Linien → {2} Knoten, {3} Kanten ({4}).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="825" />
        <source>Layer “{0}”: {1} lines have no usable segment (empty, a single vertex, zero length or not a line): feature ids {2}</source>
        <translation>Layer „{0}“: {1} Linien haben kein brauchbares Segment (leer, ein einzelner Stützpunkt, Länge null oder keine Linie): Objekt-IDs {2}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="829" />
        <source>Car mode without ONEWAY_FIELD: every street is two-way.</source>
        <translation>Automodus ohne ONEWAY_FIELD: Jede Straße ist in beiden Richtungen befahrbar.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="906" />
        <source>Network components: {0}; the largest holds {1:.1%} of the nodes.</source>
        <translation>Netzkomponenten: {0}; die größte enthält {1:.1%} der Knoten.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="956" />
        <source>{0:.0f} m from the network</source>
        <translation>{0:.0f} m vom Netz entfernt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="930" />
        <source>Demand tied to small network components: {0} points, {1:.2%} of the population.</source>
        <translation>An kleine Netzkomponenten angebundene Nachfrage: {0} Punkte, {1:.2%} der Bevölkerung.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="940" />
        <source>network component with {0} nodes</source>
        <translation>Netzkomponente mit {0} Knoten</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="952" />
        <source>Layer “{0}”: {1} facilities are off the network (farther than {2:g} m, MAX_ACCESS_DISTANCE) and are not used: {3}</source>
        <translation>Layer „{0}“: {1} Einrichtungen liegen abseits des Netzes (weiter als {2:g} m, MAX_ACCESS_DISTANCE) und werden nicht verwendet: {3}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="962" />
        <source>Layer “{0}”: {1} facilities are tied to a small network component and serve only it: {2}</source>
        <translation>Layer „{0}“: {1} Einrichtungen sind an eine kleine Netzkomponente angebunden und versorgen nur diese: {2}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="966" />
        <source>facility in a small network component</source>
        <translation>Einrichtung in einer kleinen Netzkomponente</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="969" />
        <source>Facilities on the network: {0} of {1}.</source>
        <translation>Einrichtungen am Netz: {0} von {1}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="971" />
        <source>No facility is connected to the network: nobody reaches a facility.</source>
        <translation>Keine Einrichtung ist an das Netz angebunden: Niemand erreicht eine Einrichtung.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="1001" />
        <source>Nearest facility found in {0:.2f} s; status of the demand points: {1}.</source>
        <translation>Nächste Einrichtung in {0:.2f} s bestimmt; Status der Nachfragepunkte: {1}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="1361" />
        <source>Problem points: {0} written.</source>
        <translation>Problempunkte: {0} geschrieben.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="653" />
        <source>Demand: {0} points of layer “{1}”, population ({2}) {3:.0f}.</source>
        <translation>Nachfrage: {0} Punkte von Layer „{1}“, Bevölkerung ({2}) {3:.0f}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="768" />
        <source>{0} demand points (population {1:.0f}) lie in no unit of layer “{2}”; they are summarised in a row with NULL unit fields: feature ids {3}</source>
        <translation>{0} Nachfragepunkte (Bevölkerung {1:.0f}) liegen in keiner Raumeinheit von Layer „{2}“; sie werden in einer Zeile mit leeren (NULL) Feldern der Raumeinheit zusammengefasst: Objekt-IDs {3}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="921" />
        <source>Layer “{0}”: {1} demand points (population {2:.0f}, {3:.1%}) are farther than {4:g} m from the network (MAX_ACCESS_DISTANCE) and count as not connected: feature ids {5}</source>
        <translation>Layer „{0}“: {1} Nachfragepunkte (Bevölkerung {2:.0f}, {3:.1%}) liegen weiter als {4:g} m vom Netz entfernt (MAX_ACCESS_DISTANCE) und gelten als nicht angebunden: Objekt-IDs {5}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="934" />
        <source>Layer “{0}”: {1} demand points (population {2:.0f}) are tied to a small network component, cut off from the main network: feature ids {3}</source>
        <translation>Layer „{0}“: {1} Nachfragepunkte (Bevölkerung {2:.0f}) sind an eine kleine, vom Hauptnetz abgeschnittene Netzkomponente angebunden: Objekt-IDs {3}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="795" />
        <source>SPEED_TABLE is ignored: set ROAD_CLASS_FIELD (the road class field of layer “{0}”).</source>
        <translation>SPEED_TABLE wird nicht verwendet: ROAD_CLASS_FIELD setzen (das Straßenklassenfeld des Layers „{0}“).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="842" />
        <source>The shipped road speed table cannot be read: {0}</source>
        <translation>Die mitgelieferte Geschwindigkeitstabelle der Straßenklassen kann nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="848" />
        <source>SPEED_TABLE: {0}. Write class=km/h items separated by “;”, e.g. “primary=50; residential=30; footway=0”.</source>
        <translation>SPEED_TABLE: {0}. Einträge Klasse=km/h durch „;“ getrennt angeben, z. B. „primary=50; residential=30; footway=0“.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="862" />
        <source>{0} ({1} lines)</source>
        <translation>{0} ({1} Linien)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="865" />
        <source>Speeds by road class (field “{0}”, mode {1}): {2} classes in the table, {3} classes in the network; lines without a class speed run at {4:g} km/h.</source>
        <translation>Geschwindigkeiten nach Straßenklasse (Feld „{0}“, Verkehrsmittel {1}): {2} Klassen in der Tabelle, {3} Klassen im Netz; Linien ohne Klassengeschwindigkeit gelten mit {4:g} km/h.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="870" />
        <source>Road classes closed to mode {0} (not used; points are tied to the nearest open street): {1}</source>
        <translation>Für das Verkehrsmittel {0} gesperrte Straßenklassen (nicht verwendet; Punkte werden an die nächste offene Straße angebunden): {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="874" />
        <source>Layer “{0}”: road classes that are not in the speed table run at the default speed of mode {1}, {2:g} km/h (add them to SPEED_TABLE): {3}</source>
        <translation>Layer „{0}“: Straßenklassen, die nicht in der Geschwindigkeitstabelle stehen, gelten mit der Standardgeschwindigkeit des Verkehrsmittels {1}, {2:g} km/h (in SPEED_TABLE ergänzen): {3}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="879" />
        <source>Layer “{0}”: every road class is closed to mode {1} (speed 0 in the speed table).</source>
        <translation>Layer „{0}“: Alle Straßenklassen sind für das Verkehrsmittel {1} gesperrt (Geschwindigkeit 0 in der Geschwindigkeitstabelle).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="883" />
        <source>{0} lines use their own speed from field “{1}” (SPEED_FIELD).</source>
        <translation>{0} Linien verwenden ihre eigene Geschwindigkeit aus dem Feld „{1}“ (SPEED_FIELD).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="1277" />
        <source>Layer “{0}”: {1} features that were not analysed (skipped when read, or added meanwhile) are not written.</source>
        <translation>Layer „{0}“: {1} Objekte, die nicht ausgewertet wurden (beim Lesen übersprungen oder inzwischen hinzugefügt), werden nicht geschrieben.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="1280" />
        <source>Layer “{0}”: {1} features disappeared while the analysis ran and are missing from the output.</source>
        <translation>Layer „{0}“: {1} Objekte sind während der Analyse verschwunden und fehlen in der Ausgabe.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="1171" />
        <source>Writing the GeoPackage in one transaction was not possible ({0}); writing feature by feature.</source>
        <translation>Das GeoPackage ließ sich nicht in einer Transaktion schreiben ({0}); es wird Objekt für Objekt geschrieben.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="1175" />
        <source>The output “{0}” could not be opened for writing.</source>
        <translation>Die Ausgabe „{0}“ konnte nicht zum Schreiben geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>AccessibilityPanel</name>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="105" />
        <source>Facilities</source>
        <translation>Einrichtungen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="113" />
        <source>Only facilities whose type field has this value (empty: all)</source>
        <translation>Nur Einrichtungen, deren Typfeld diesen Wert hat (leer: alle)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="138" />
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="117" />
        <source>Type field</source>
        <translation>Typfeld</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="118" />
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="139" />
        <source>Id field</source>
        <translation>Kennungsfeld</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="122" />
        <source>Demand</source>
        <translation>Nachfrage</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="127" />
        <source>Population fields; several are added up (e.g. ages 0–3 and 3–6)</source>
        <translation>Bevölkerungsfelder; mehrere werden addiert (z. B. Alter 0–3 und 3–6)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="476" />
        <source>Population</source>
        <translation>Bevölkerung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="132" />
        <source>Units</source>
        <translation>Raumeinheiten</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="142" />
        <source>Network and mode</source>
        <translation>Netz und Verkehrsmittel</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="148" />
        <source>walk</source>
        <translation>zu Fuß</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="148" />
        <source>bike</source>
        <translation>Fahrrad</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="148" />
        <source>car</source>
        <translation>Auto</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="148" />
        <source>straight line</source>
        <translation>Luftlinie</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="154" />
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="155" />
        <source>Mode</source>
        <translation>Verkehrsmittel</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="174" />
        <source>Thresholds</source>
        <translation>Schwellenwerte</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="162" />
        <source>metres</source>
        <translation>Meter</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="163" />
        <source>minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="169" />
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="173" />
        <source>Measure in</source>
        <translation>Messen in</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="175" />
        <source>Cut-off</source>
        <translation>Obergrenze</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="176" />
        <source>Nearest facilities (k)</source>
        <translation>Nächste Einrichtungen (k)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="186" />
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="187" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="202" />
        <source>Messages of the last run</source>
        <translation>Meldungen des letzten Laufs</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="309" />
        <source>Choose a facilities layer and a demand layer.</source>
        <translation>Einen Einrichtungs- und einen Nachfragelayer wählen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="313" />
        <source>Choose a street network or the straight-line mode.</source>
        <translation>Ein Straßennetz oder die Luftlinie wählen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="317" />
        <source>Thresholds: “{0}” is not a positive number.</source>
        <translation>Schwellenwerte: „{0}“ ist keine positive Zahl.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="350" />
        <source>Running …</source>
        <translation>Läuft …</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="353" />
        <source>ISRP accessibility</source>
        <translation>ISRP-Erreichbarkeit</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="370" />
        <source>Cancelling …</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="385" />
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="388" />
        <source>The run failed, see the messages below.</source>
        <translation>Der Lauf ist fehlgeschlagen, siehe die Meldungen unten.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="399" />
        <source>The results could not be shown: {0}</source>
        <translation>Die Ergebnisse konnten nicht angezeigt werden: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="420" />
        <source>{0} – accessibility per unit ({1})</source>
        <translation>{0} – Erreichbarkeit je Raumeinheit ({1})</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="429" />
        <source>{0} – accessibility ({1})</source>
        <translation>{0} – Erreichbarkeit ({1})</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="438" />
        <source>Done: {0} demand points.</source>
        <translation>Fertig: {0} Nachfragepunkte.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="439" />
        <source>The result layers are in the layer group “{0}”.</source>
        <translation>Die Ergebnislayer liegen in der Layergruppe „{0}“.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="453" />
        <source>mean {0}</source>
        <translation>Mittel {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="455" />
        <source>median {0}</source>
        <translation>Median {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="459" />
        <source>Within {0}</source>
        <translation>Innerhalb {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="473" />
        <source>Unit</source>
        <translation>Raumeinheit</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="475" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="476" />
        <source>Mean ({0})</source>
        <translation>Mittel ({0})</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="478" />
        <source>Median ({0})</source>
        <translation>Median ({0})</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="480" />
        <source>≤ {0:g} {1}</source>
        <translation>≤ {0:g} {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="481" />
        <source>No facility</source>
        <translation>Keine Einrichtung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="491" />
        <source>(no unit)</source>
        <translation>(keine Raumeinheit)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="451" />
        <source>Population {0}</source>
        <translation>Bevölkerung {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="460" />
        <source>Reach no facility: population {0} ({1} points)</source>
        <translation>Erreichen keine Einrichtung: Bevölkerung {0} ({1} Punkte)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="152" />
        <source>Speeds per road class and mode (help: “Speeds and road classes”); empty: one speed per mode</source>
        <translation>Geschwindigkeiten je Straßenklasse und Verkehrsmittel (Hilfe: „Geschwindigkeiten und Straßenklassen“); leer: eine Geschwindigkeit je Verkehrsmittel</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="156" />
        <source>Road class field</source>
        <translation>Feld Straßenklasse</translation>
    </message>
</context>
<context>
    <name>AccessibilityParameters</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="224" />
        <source>Street network (lines; not needed for straight lines)</source>
        <translation>Straßennetz (Linien; für die Luftlinie nicht nötig)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="229" />
        <source>Demand points (residents)</source>
        <translation>Nachfragepunkte (Einwohner)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="234" />
        <source>Facilities (points)</source>
        <translation>Einrichtungen (Punkte)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="236" />
        <source>Facility id field (empty: feature id)</source>
        <translation>Feld mit der Einrichtungskennung (leer: Objekt-ID)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="239" />
        <source>Facility filter, e.g. "typ" = 'kita' (empty: all facilities)</source>
        <translation>Filter für Einrichtungen, z. B. "typ" = 'kita' (leer: alle Einrichtungen)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="248" />
        <source>Mode</source>
        <translation>Verkehrsmittel</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="245" />
        <source>walk</source>
        <translation>zu Fuß</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="245" />
        <source>bike</source>
        <translation>Fahrrad</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="245" />
        <source>car</source>
        <translation>Auto</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="245" />
        <source>straight line</source>
        <translation>Luftlinie</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="249" />
        <source>Measure costs in</source>
        <translation>Aufwand messen in</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="249" />
        <source>metres</source>
        <translation>Meter</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="249" />
        <source>minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="253" />
        <source>Cut-off (metres or minutes, 0 = none)</source>
        <translation>Obergrenze (Meter oder Minuten, 0 = keine)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="257" />
        <source>Number of nearest facilities (k)</source>
        <translation>Anzahl nächster Einrichtungen (k)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="262" />
        <source>Topology tolerance: vertices closer than this are one node (map units)</source>
        <translation>Topologietoleranz: Stützpunkte, die näher beieinander liegen, sind ein Knoten (Karteneinheiten)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="269" />
        <source>Speed in km/h (0 = walk/bike speed from the ISRP settings, car 50)</source>
        <translation>Geschwindigkeit in km/h (0 = Fuß-/Radgeschwindigkeit aus den ISRP-Einstellungen, Auto 50)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="272" />
        <source>One-way field of the network (car mode only)</source>
        <translation>Einbahnstraßen-Feld des Netzes (nur Automodus)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="275" />
        <source>Value for one-way in digitising direction</source>
        <translation>Wert für Einbahnstraße in Digitalisierrichtung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="278" />
        <source>Value for one-way against digitising direction</source>
        <translation>Wert für Einbahnstraße gegen die Digitalisierrichtung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="281" />
        <source>Speed field of the network in km/h (car mode only)</source>
        <translation>Geschwindigkeitsfeld des Netzes in km/h (nur Automodus)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="294" />
        <source>Units (districts / social spaces, polygons)</source>
        <translation>Raumeinheiten (Ortsteile / Sozialräume, Polygone)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="297" />
        <source>Unit id field</source>
        <translation>Feld mit der Kennung der Raumeinheit</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="299" />
        <source>Unit id field of the demand points (instead of point in polygon)</source>
        <translation>Feld der Nachfragepunkte mit der Kennung der Raumeinheit (statt Punkt-in-Polygon)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="304" />
        <source>Population field(s) of the demand points (several are added up)</source>
        <translation>Bevölkerungsfeld(er) der Nachfragepunkte (mehrere werden addiert)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="309" />
        <source>Thresholds for the shares, e.g. 300, 500, 1000 (metres) or 5, 10, 15 (minutes)</source>
        <translation>Schwellenwerte für die Anteile, z. B. 300, 500, 1000 (Meter) oder 5, 10, 15 (Minuten)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="328" />
        <source>Problem points (diagnostics)</source>
        <translation>Problempunkte (Prüfungen)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="316" />
        <source>Target population</source>
        <translation>Zielbevölkerung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="316" />
        <source>Population reaching a facility</source>
        <translation>Bevölkerung, die eine Einrichtung erreicht</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="316" />
        <source>Population reaching no facility</source>
        <translation>Bevölkerung, die keine Einrichtung erreicht</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="316" />
        <source>Population-weighted mean (metres or minutes)</source>
        <translation>Bevölkerungsgewichteter Mittelwert (Meter oder Minuten)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="316" />
        <source>Population-weighted median (metres or minutes)</source>
        <translation>Bevölkerungsgewichteter Median (Meter oder Minuten)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="316" />
        <source>Demand points</source>
        <translation>Nachfragepunkte</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="316" />
        <source>Demand points reaching no facility</source>
        <translation>Nachfragepunkte ohne erreichte Einrichtung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="324" />
        <source>Share of the population within each threshold (JSON)</source>
        <translation>Anteil der Bevölkerung innerhalb jedes Schwellenwerts (JSON)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="265" />
        <source>Maximum access distance to the network (m, 0 = none)</source>
        <translation>Größte Zugangsdistanz zum Netz (m, 0 = keine)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="247" />
        <source>cost table</source>
        <translation>Kostentabelle</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="284" />
        <source>Road class field of the network (e.g. OSM highway): speeds and closed classes per mode</source>
        <translation>Straßenklassenfeld des Netzes (z. B. OSM highway): Geschwindigkeiten und gesperrte Klassen je Verkehrsmittel</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_common.py" line="288" />
        <source>Speeds per road class for the chosen mode, e.g. primary=50; residential=30; footway=0 (km/h, 0 = not allowed; added to the shipped table)</source>
        <translation>Geschwindigkeiten je Straßenklasse für das gewählte Verkehrsmittel, z. B. primary=50; residential=30; footway=0 (km/h, 0 = nicht erlaubt; ergänzt die mitgelieferte Tabelle)</translation>
    </message>
</context>
<context>
    <name>AccessibilityStyles</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_styles.py" line="75" />
        <source>no facility reached</source>
        <translation>keine Einrichtung erreicht</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_styles.py" line="89" />
        <source>{0}–{1} % within {2}</source>
        <translation>{0}–{1} % innerhalb {2}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_styles.py" line="96" />
        <source>no population</source>
        <translation>keine Bevölkerung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_accessibility_styles.py" line="110" />
        <source>within {0} {1}</source>
        <translation>innerhalb {0} {1}</translation>
    </message>
</context>
<context>
    <name>AggregateUnitsAlgorithm</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="79" />
        <source>Aggregate units (districts → social spaces → city)</source>
        <translation>Gebiete zusammenfassen (Ortsteile → Sozialräume → Stadt)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="82" />
        <source>Atlas</source>
        <translation>Atlas</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="88" />
        <source>Aggregates unit values to groups such as social spaces and to the city. Counts are summed; rates are recomputed from the summed numerators and denominators (never averaged).

Groups: a field of the layer (e.g. sozialraum_id) or a mapping table (unit id → group id, optional group name). Without either, all units form one group: the city. Every unit must belong to a group; unmapped units are an error that names them.

Rates: numerator and denominator from the rate definitions ('rate=numerator/denominator' or 'rate=numerator/denominator*factor'), else from the indicator catalogue by field name (sgb2_rate_2022 → sgb2_recipients_2022 / pop_0_65_2022, factor 100). A group's count is NULL when a unit lacks the value (an incomplete sum is not a total) unless 'skip missing values' is checked.

Output: one feature per group with group_id, group_name, n_units, the count and rate fields, and the union of the units' geometries; with 'add city total' also a row for the whole city.</source>
        <translation>Fasst die Werte der Gebiete zu Gruppen wie Sozialräumen und zur Gesamtstadt zusammen. Fallzahlen werden summiert; Quoten werden aus den summierten Zählern und Nennern neu berechnet (nie gemittelt).

Gruppen: ein Feld des Layers (z. B. sozialraum_id) oder eine Zuordnungstabelle (Gebietsschlüssel → Gruppenschlüssel, optional Gruppenname). Ohne beides bilden alle Gebiete eine Gruppe: die Stadt. Jedes Gebiet muss einer Gruppe angehören; nicht zugeordnete Gebiete sind ein Fehler, der sie nennt.

Quoten: Zähler und Nenner aus den Quotendefinitionen ('quote=zähler/nenner' oder 'quote=zähler/nenner*faktor'), sonst aus dem Indikatorenkatalog anhand des Feldnamens (sgb2_rate_2022 → sgb2_recipients_2022 / pop_0_65_2022, Faktor 100). Die Fallzahl einer Gruppe ist NULL, wenn einem Gebiet der Wert fehlt (eine unvollständige Summe ist keine Summe), außer „Fehlende Werte überspringen“ ist gewählt.

Ausgabe: ein Objekt je Gruppe mit group_id, group_name, n_units, den Fallzahl- und Quotenfeldern und der Vereinigung der Gebietsgeometrien; mit „Gesamtstadt hinzufügen“ zusätzlich eine Zeile für die ganze Stadt.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="104" />
        <source>Units</source>
        <translation>Gebiete</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="105" />
        <source>Unit id field</source>
        <translation>Schlüsselfeld der Gebiete</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="107" />
        <source>Group field in the layer (e.g. social space id)</source>
        <translation>Gruppenfeld im Layer (z. B. Sozialraum-Schlüssel)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="110" />
        <source>Mapping table (unit → group)</source>
        <translation>Zuordnungstabelle (Gebiet → Gruppe)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="112" />
        <source>Mapping: unit id field</source>
        <translation>Zuordnung: Gebietsschlüssel</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="115" />
        <source>Mapping: group id field</source>
        <translation>Zuordnung: Gruppenschlüssel</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="118" />
        <source>Mapping: group name field</source>
        <translation>Zuordnung: Gruppenname</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="121" />
        <source>Count fields (summed)</source>
        <translation>Fallzahlfelder (summiert)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="124" />
        <source>Rate fields (recomputed)</source>
        <translation>Quotenfelder (neu berechnet)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="127" />
        <source>Rate definitions (rate=numerator/denominator*factor; …; empty: catalogue)</source>
        <translation>Quotendefinitionen (quote=zähler/nenner*faktor; …; leer: Katalog)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="130" />
        <source>Add city total</source>
        <translation>Gesamtstadt hinzufügen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="132" />
        <source>Name of the city total</source>
        <translation>Name der Gesamtstadt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="132" />
        <source>Skip missing values (sum what is there)</source>
        <translation>Fehlende Werte überspringen (vorhandene summieren)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="132" />
        <source>Union of the geometries</source>
        <translation>Geometrien vereinigen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="141" />
        <source>Aggregated</source>
        <translation>Zusammengefasst</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="142" />
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="149" />
        <source>Project indicator definitions ignored: {0}</source>
        <translation>Indikatordefinitionen des Projekts ignoriert: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="161" />
        <source>The mapping table needs its unit id and group id fields.</source>
        <translation>Die Zuordnungstabelle braucht ihr Gebiets- und ihr Gruppenschlüsselfeld.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="164" />
        <source>The mapping table “{0}” has no field “{1}”.</source>
        <translation>Die Zuordnungstabelle „{0}“ hat kein Feld „{1}“.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="171" />
        <source>The mapping table “{0}” lists unit(s) {1} more than once.</source>
        <translation>Die Zuordnungstabelle „{0}“ führt Gebiet(e) {1} mehrfach auf.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="194" />
        <source>The layer “{0}” has no field “{1}”. Its fields are: {2}.</source>
        <translation>Der Layer „{0}“ hat kein Feld „{1}“. Seine Felder: {2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="197" />
        <source>Choose at least one count or rate field.</source>
        <translation>Wählen Sie mindestens ein Fallzahl- oder Quotenfeld.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="201" />
        <source>Invalid parameter: {0}.</source>
        <translation>Ungültiger Parameter: {0}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="212" />
        <source>Rate field “{0}”: numerator and denominator unknown (rates are recomputed from counts, never averaged). Give them as '{0}=numerator/denominator*factor' in the rate definitions.</source>
        <translation>Quotenfeld „{0}“: Zähler und Nenner unbekannt (Quoten werden aus Fallzahlen neu berechnet, nie gemittelt). Geben Sie sie als '{0}=zähler/nenner*faktor' in den Quotendefinitionen an.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="220" />
        <source>Rate field “{0}”: the layer has no field “{1}”.</source>
        <translation>Quotenfeld „{0}“: Der Layer hat kein Feld „{1}“.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="235" />
        <source>The layer “{0}” has no features.</source>
        <translation>Der Layer „{0}“ enthält keine Objekte.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="238" />
        <source>The layer “{0}”, field “{1}”: duplicate ids {2}.</source>
        <translation>Layer „{0}“, Feld „{1}“: doppelte Schlüssel {2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="250" />
        <source>The layer “{0}”: unit(s) {1} have no value in the group field “{2}”.</source>
        <translation>Layer „{0}“: Gebiet(e) {1} haben keinen Wert im Gruppenfeld „{2}“.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="254" />
        <source>A mapping table needs the unit id field of the layer.</source>
        <translation>Eine Zuordnungstabelle braucht das Schlüsselfeld der Gebiete im Layer.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="267" />
        <source>Aggregation of “{0}”: {1}</source>
        <translation>Zusammenfassung von „{0}“: {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_aggregateunits.py" line="309" />
        <source>{0} groups from {1} units.</source>
        <translation>{0} Gruppen aus {1} Gebieten.</translation>
    </message>
</context>
<context>
    <name>AnalysesDock</name>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="516" />
        <source>ISRP analyses</source>
        <translation>ISRP-Analysen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="520" />
        <source>Accessibility</source>
        <translation>Erreichbarkeit</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/analyses_dock.py" line="535" />
        <source>Analyses (accessibility)</source>
        <translation>Analysen (Erreichbarkeit)</translation>
    </message>
</context>
<context>
    <name>AtlasDock</name>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="1130" />
        <source>Atlas (social structure)</source>
        <translation>Atlas (Sozialstruktur)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="160" />
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="161" />
        <source>Map</source>
        <translation>Karte</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="162" />
        <source>Index</source>
        <translation>Index</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="163" />
        <source>Indicators</source>
        <translation>Indikatoren</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="183" />
        <source>Districts</source>
        <translation>Ortsteile</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="187" />
        <source>Polygon layer of the districts (Ortsteile)</source>
        <translation>Polygonlayer der Ortsteile</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="191" />
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="192" />
        <source>Id field</source>
        <translation>Schlüsselfeld</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="193" />
        <source>Name field</source>
        <translation>Namensfeld</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="506" />
        <source>Indicator tables</source>
        <translation>Indikatortabellen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="201" />
        <source>CSV, XLSX or ODS files: one wide file per year or one long file</source>
        <translation>CSV-, XLSX- oder ODS-Dateien: eine breite Datei je Jahr oder eine lange Datei</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="204" />
        <source>Add files…</source>
        <translation>Dateien hinzufügen…</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="428" />
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="214" />
        <source>or table layer</source>
        <translation>oder Tabellenlayer</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="218" />
        <source>Format (detected unless set)</source>
        <translation>Format (erkannt, wenn nicht angegeben)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="232" />
        <source>detect</source>
        <translation>erkennen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="226" />
        <source>tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="229" />
        <source>comma (1.234,5)</source>
        <translation>Komma (1.234,5)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="229" />
        <source>point (1,234.5)</source>
        <translation>Punkt (1,234.5)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="232" />
        <source>wide (one column per indicator)</source>
        <translation>breit (eine Spalte je Indikator)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="232" />
        <source>long (unit, year, indicator, value)</source>
        <translation>lang (Gebiet, Jahr, Indikator, Wert)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="236" />
        <source>by id (text, exact)</source>
        <translation>nach Schlüssel (Text, genau)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="236" />
        <source>by id, ignoring leading zeros</source>
        <translation>nach Schlüssel, führende Nullen ignorieren</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="236" />
        <source>by name (normalised)</source>
        <translation>nach Name (normalisiert)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="240" />
        <source>Compute catalogue rates from counts</source>
        <translation>Katalogquoten aus Fallzahlen berechnen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="242" />
        <source>Encoding</source>
        <translation>Kodierung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="243" />
        <source>Delimiter</source>
        <translation>Trennzeichen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="244" />
        <source>Decimal separator</source>
        <translation>Dezimaltrennzeichen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="245" />
        <source>Layout</source>
        <translation>Aufbau</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="246" />
        <source>Match</source>
        <translation>Zuordnung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="248" />
        <source>Detected: –</source>
        <translation>Erkannt: –</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="257" />
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="258" />
        <source>Empty: temporary layer</source>
        <translation>Leer: temporärer Layer</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="259" />
        <source>Save to</source>
        <translation>Speichern in</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="262" />
        <source>Load</source>
        <translation>Laden</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="263" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="275" />
        <source>Report: unmatched rows and districts, non-numeric cells</source>
        <translation>Bericht: nicht zugeordnete Zeilen und Ortsteile, nicht lesbare Zellen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="289" />
        <source>Change between years</source>
        <translation>Veränderung zwischen Jahren</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="299" />
        <source>quantiles</source>
        <translation>Quantile</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="300" />
        <source>natural breaks (Jenks)</source>
        <translation>natürliche Unterbrechungen (Jenks)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="301" />
        <source>Labels (values; '.' where suppressed)</source>
        <translation>Beschriftung (Werte; '.' wo gesperrt)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="302" />
        <source>Atlas layer</source>
        <translation>Atlas-Layer</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="322" />
        <source>Indicator</source>
        <translation>Indikator</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="304" />
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="306" />
        <source>From → to</source>
        <translation>Von → bis</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="307" />
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="316" />
        <source>District compared with the city</source>
        <translation>Ortsteil im Vergleich zur Stadt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="319" />
        <source>Selecting a feature on the map also selects it here</source>
        <translation>Ein in der Karte gewähltes Objekt wird auch hier gewählt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="374" />
        <source>District</source>
        <translation>Ortsteil</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="322" />
        <source>City</source>
        <translation>Stadt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="337" />
        <source>Indicators (status: year; dynamics: change)</source>
        <translation>Indikatoren (Status: Jahr; Dynamik: Veränderung)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="348" />
        <source>Status year</source>
        <translation>Statusjahr</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="349" />
        <source>Dynamics</source>
        <translation>Dynamik</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="350" />
        <source>Minimum population</source>
        <translation>Mindestbevölkerung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="352" />
        <source>Social index</source>
        <translation>Sozialindex</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="371" />
        <source>Similar districts</source>
        <translation>Ähnliche Ortsteile</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="374" />
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="374" />
        <source>Distance</source>
        <translation>Abstand</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="416" />
        <source>Id</source>
        <translation>Kennung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="388" />
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="419" />
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="423" />
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="424" />
        <source>Polarity</source>
        <translation>Polung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="388" />
        <source>Origin</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="396" />
        <source>User indicator (saved in the project)</source>
        <translation>Eigener Indikator (im Projekt gespeichert)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="403" />
        <source>count</source>
        <translation>Fallzahl</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="403" />
        <source>rate</source>
        <translation>Quote</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="413" />
        <source>higher is worse</source>
        <translation>höher ist ungünstiger</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="413" />
        <source>higher is better</source>
        <translation>höher ist günstiger</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="413" />
        <source>neutral</source>
        <translation>neutral</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="417" />
        <source>Label (German)</source>
        <translation>Bezeichnung (deutsch)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="418" />
        <source>Label (English)</source>
        <translation>Bezeichnung (englisch)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="420" />
        <source>Numerator</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="421" />
        <source>Denominator</source>
        <translation>Nenner</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="422" />
        <source>Factor</source>
        <translation>Faktor</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="425" />
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="427" />
        <source>Add / update</source>
        <translation>Hinzufügen / ändern</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="506" />
        <source>Tables (*.csv *.txt *.tsv *.xlsx *.xls *.ods);;All files (*)</source>
        <translation>Tabellen (*.csv *.txt *.tsv *.xlsx *.xls *.ods);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="633" />
        <source>Atlas</source>
        <translation>Atlas</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="550" />
        <source>{0} failed or was cancelled.</source>
        <translation>{0} ist fehlgeschlagen oder wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="581" />
        <source>Choose the district layer and its id field.</source>
        <translation>Wählen Sie den Ortsteil-Layer und sein Schlüsselfeld.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="586" />
        <source>Add at least one indicator table.</source>
        <translation>Fügen Sie mindestens eine Indikatortabelle hinzu.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="619" />
        <source>Loading the atlas…</source>
        <translation>Atlas wird geladen…</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="635" />
        <source>The atlas layer could not be opened.</source>
        <translation>Der Atlas-Layer konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="642" />
        <source>Detected: {0}</source>
        <translation>Erkannt: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="647" />
        <source>Atlas loaded: {0} indicators, years {1}; {2} table rows without district, {3} districts without data, {4} non-numeric cells.</source>
        <translation>Atlas geladen: {0} Indikatoren, Jahre {1}; {2} Tabellenzeilen ohne Ortsteil, {3} Ortsteile ohne Daten, {4} nicht lesbare Zellen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="848" />
        <source>Computing the city values…</source>
        <translation>Werte der Gesamtstadt werden berechnet…</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="914" />
        <source>change {0}–{1}</source>
        <translation>Veränderung {0}–{1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="978" />
        <source>Load the atlas first.</source>
        <translation>Laden Sie zuerst den Atlas.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="938" />
        <source>Tick at least one indicator available in {0}.</source>
        <translation>Wählen Sie mindestens einen Indikator, der für {0} vorliegt.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="955" />
        <source>Computing the social index…</source>
        <translation>Sozialindex wird berechnet…</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="958" />
        <source>Social index {0}</source>
        <translation>Sozialindex {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="971" />
        <source>{0} units in the index ({1}); {2} left out.</source>
        <translation>{0} Gebiete im Index ({1}); {2} nicht berücksichtigt.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="973" />
        <source>Social index added to the map.</source>
        <translation>Sozialindex zur Karte hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="986" />
        <source>Choose a district and tick at least one indicator.</source>
        <translation>Wählen Sie einen Ortsteil und mindestens einen Indikator.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="990" />
        <source>Ranking similar districts…</source>
        <translation>Ähnliche Ortsteile werden ermittelt…</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="1018" />
        <source>Most similar districts selected on the map: {0}</source>
        <translation>Ähnlichste Ortsteile in der Karte ausgewählt: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="1034" />
        <source>project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="1034" />
        <source>catalogue</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="1088" />
        <source>The id may contain letters, digits and '_' only.</source>
        <translation>Die Kennung darf nur Buchstaben, Ziffern und '_' enthalten.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="1094" />
        <source>Indicator “{0}” saved in the project.</source>
        <translation>Indikator „{0}“ im Projekt gespeichert.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="1102" />
        <source>Only indicators defined in the project can be removed.</source>
        <translation>Nur im Projekt definierte Indikatoren können entfernt werden.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="1109" />
        <source>Indicator “{0}” removed from the project.</source>
        <translation>Indikator „{0}“ aus dem Projekt entfernt.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="367" />
        <source> most similar</source>
        <translation> ähnlichste</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/atlas_dock.py" line="369" />
        <source>Highlight</source>
        <translation>Hervorheben</translation>
    </message>
</context>
<context>
    <name>CatchmentsAlgorithm</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_catchments.py" line="100" />
        <source>Catchments of facilities</source>
        <translation>Einzugsbereiche von Einrichtungen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_catchments.py" line="103" />
        <source>Analyses</source>
        <translation>Analysen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_catchments.py" line="109" />
        <source>The area each facility reaches within one or more costs (COSTS, in metres or minutes), as polygons that stay separate per facility (they may overlap), or one polygon per cost with DISSOLVE.

Method: a shortest-path search from every facility (trips starting at the facility, as QGIS's service area; the facility's access leg counts) gives the reached parts of the street network, edges cut exactly at the cost. The polygon is the union of buffers of BUFFER_WIDTH metres (default 50 m) around the reached street pieces and the facility's access leg, so it follows the streets and extends BUFFER_WIDTH beyond the reached ends. In the straight-line mode it is a circle.

Output fields:
fac_id: facility id (FACILITY_ID_FIELD, else the feature id); with DISSOLVE n_facilities instead
cost: the cost limit; cost_unit: m (metres) or min (minutes); mode: walk, bike, car or straight
status: ok, not_connected (facility farther than MAX_ACCESS_DISTANCE from the network; empty geometry) or no_geometry
area_km2: area of the polygon in km²
n_points, population: demand points inside the polygon and their population (sum of POPULATION_FIELD, or the number of points without it) — only with DEMAND</source>
        <translation>Die Fläche, die jede Einrichtung innerhalb eines oder mehrerer Aufwände erreicht (COSTS, in Metern oder Minuten), als Polygone, die je Einrichtung getrennt bleiben (sie dürfen sich überlappen), oder mit DISSOLVE ein Polygon je Aufwand.

Methode: Eine Kürzeste-Wege-Suche ab jeder Einrichtung (Wege, die an der Einrichtung beginnen, wie der Einzugsbereich (Service Area) von QGIS; der Zugangsweg der Einrichtung zählt mit) ergibt die erreichten Teile des Straßennetzes, Kanten genau beim Aufwand abgeschnitten. Das Polygon ist die Vereinigung von Puffern mit BUFFER_WIDTH Metern (Vorgabe 50 m) um die erreichten Straßenstücke und den Zugangsweg der Einrichtung; es folgt also den Straßen und reicht BUFFER_WIDTH über die erreichten Enden hinaus. Im Luftlinienmodus ist es ein Kreis.

Ausgabefelder:
fac_id: Einrichtungskennung (FACILITY_ID_FIELD, sonst die Objekt-ID); mit DISSOLVE stattdessen n_facilities
cost: die Aufwandsgrenze; cost_unit: m (Meter) oder min (Minuten); mode: walk, bike, car oder straight
status: ok, not_connected (Einrichtung weiter als MAX_ACCESS_DISTANCE vom Netz; leere Geometrie) oder no_geometry
area_km2: Fläche des Polygons in km²
n_points, population: Nachfragepunkte im Polygon und ihre Bevölkerung (Summe der POPULATION_FIELD oder ohne Feld die Zahl der Punkte) — nur mit DEMAND</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_catchments.py" line="132" />
        <source>Costs, e.g. 300, 500, 1000 (metres) or 5, 10, 15 (minutes)</source>
        <translation>Aufwände, z. B. 300, 500, 1000 (Meter) oder 5, 10, 15 (Minuten)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_catchments.py" line="134" />
        <source>Width around the reached streets (metres)</source>
        <translation>Breite um die erreichten Straßen (Meter)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_catchments.py" line="137" />
        <source>Dissolve the catchments of all facilities per cost</source>
        <translation>Einzugsbereiche aller Einrichtungen je Aufwand verschmelzen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_catchments.py" line="142" />
        <source>Catchments</source>
        <translation>Einzugsbereiche</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_catchments.py" line="155" />
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_catchments.py" line="165" />
        <source>COSTS: “{0}” is not a positive number (list: “{1}”)</source>
        <translation>COSTS: „{0}“ ist keine positive Zahl (Liste: „{1}“)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_catchments.py" line="168" />
        <source>COSTS: give at least one cost, e.g. 500, 1000.</source>
        <translation>COSTS: mindestens einen Aufwand angeben, z. B. 500, 1000.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_catchments.py" line="139" />
        <source>Demand points (for the population inside)</source>
        <translation>Nachfragepunkte (für die Bevölkerung im Einzugsbereich)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_catchments.py" line="322" />
        <source>Catchment polygons: {0} in {1:.1f} s.</source>
        <translation>Einzugsbereiche: {0} Polygone in {1:.1f} s.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_catchments.py" line="325" />
        <source>{0} polygons had nearly touching street buffers and were united with GEOS instead.</source>
        <translation>{0} Polygone hatten sich fast berührende Puffer um die Straßen und wurden stattdessen mit GEOS vereinigt.</translation>
    </message>
</context>
<context>
    <name>CheckLayersAlgorithm</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="32" />
        <source>Check layers</source>
        <translation>Layer prüfen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="35" />
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="41" />
        <source>Checks that layers can be used for the ISRP analyses: the layer is valid, its CRS is the expected projected CRS, and its geometries are valid and not empty.

Output table, one row per layer: layer (name), source, valid (1/0), features (count), crs (authority id), geometry (type), invalid_geom (number of invalid geometries), empty_geom (number of empty or missing geometries), problems (a readable summary, empty when everything is fine).</source>
        <translation>Prüft, ob Layer für die ISRP-Analysen taugen: Der Layer ist gültig, sein KBS ist das erwartete projizierte KBS, und seine Geometrien sind gültig und nicht leer.

Ausgabetabelle, eine Zeile je Layer: layer (Name), source (Quelle), valid (1/0), features (Anzahl), crs (Kennung), geometry (Typ), invalid_geom (Anzahl ungültiger Geometrien), empty_geom (Anzahl leerer oder fehlender Geometrien), problems (lesbare Zusammenfassung, leer wenn alles in Ordnung ist).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="51" />
        <source>Layers</source>
        <translation>Layer</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="54" />
        <source>Expected CRS</source>
        <translation>Erwartetes KBS</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="59" />
        <source>Layer check</source>
        <translation>Layerprüfung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="62" />
        <source>Layers with problems</source>
        <translation>Layer mit Problemen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="98" />
        <source>layer is not valid (source missing or unreadable)</source>
        <translation>Layer ist ungültig (Quelle fehlt oder ist nicht lesbar)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="107" />
        <source>CRS is {0}, expected {1}</source>
        <translation>KBS ist {0}, erwartet {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="123" />
        <source>{0} invalid geometries</source>
        <translation>{0} ungültige Geometrien</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="125" />
        <source>{0} empty geometries</source>
        <translation>{0} leere Geometrien</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="127" />
        <source>feature ids: {0}</source>
        <translation>Objekt-IDs: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="129" />
        <source>table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="132" />
        <source>Layer “{0}”: {1}</source>
        <translation>Layer „{0}“: {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="134" />
        <source>Layer “{0}”: {1} features, {2}, OK</source>
        <translation>Layer „{0}“: {1} Objekte, {2}, in Ordnung</translation>
    </message>
</context>
<context>
    <name>CoverageAlgorithm</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="343" />
        <source>Coverage of need (container, 2SFCA, E2SFCA)</source>
        <translation>Bedarfsdeckung (Container, 2SFCA, E2SFCA)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="346" />
        <source>Analyses</source>
        <translation>Analysen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="409" />
        <source>Demand points (residents by age band)</source>
        <translation>Nachfragepunkte (Einwohner nach Altersgruppen)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="410" />
        <source>Target population field(s), added up (empty: the target group of the standard)</source>
        <translation>Feld(er) der Zielgruppe, addiert (leer: Zielgruppe des Richtwerts)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="415" />
        <source>Capacity: field or expression (places, m² …)</source>
        <translation>Kapazität: Feld oder Ausdruck (Plätze, m² …)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="419" />
        <source>Standard: catalogue id (e.g. kita_u3), id=value, or places per 100 persons</source>
        <translation>Richtwert: Katalog-ID (z. B. kita_u3), id=Wert oder Plätze je 100 Personen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="422" />
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="422" />
        <source>container (facilities in the unit)</source>
        <translation>Container (Einrichtungen im Gebiet)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="422" />
        <source>2SFCA</source>
        <translation>2SFCA</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="422" />
        <source>E2SFCA (with distance decay)</source>
        <translation>E2SFCA (mit Distanzabnahme)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="425" />
        <source>Mode</source>
        <translation>Verkehrsmittel</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="425" />
        <source>walk</source>
        <translation>zu Fuß</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="425" />
        <source>bike</source>
        <translation>Rad</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="425" />
        <source>car</source>
        <translation>Auto</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="425" />
        <source>straight line</source>
        <translation>Luftlinie</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="425" />
        <source>cost table</source>
        <translation>Kostentabelle</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="429" />
        <source>Catchment measured in</source>
        <translation>Einzugsbereich gemessen in</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="429" />
        <source>metres</source>
        <translation>Metern</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="429" />
        <source>minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="432" />
        <source>Catchment d0 (metres or minutes; 0 = from the standard)</source>
        <translation>Einzugsbereich d0 (Meter oder Minuten; 0 = aus dem Richtwert)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="435" />
        <source>Distance decay for E2SFCA (empty: from the standard, else step)</source>
        <translation>Distanzabnahme für E2SFCA (leer: aus dem Richtwert, sonst step)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="438" />
        <source>Cost table (origin, destination, cost; for the cost-table mode)</source>
        <translation>Kostentabelle (Quelle, Ziel, Kosten; für den Modus Kostentabelle)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="441" />
        <source>Cost table: origin (demand point id) field</source>
        <translation>Kostentabelle: Feld der Quelle (ID des Nachfragepunkts)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="441" />
        <source>Cost table: destination (facility id) field</source>
        <translation>Kostentabelle: Feld des Ziels (ID der Einrichtung)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="441" />
        <source>Cost table: cost field</source>
        <translation>Kostentabelle: Kostenfeld</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="447" />
        <source>Demand point id field (for the cost table; empty: feature id)</source>
        <translation>ID-Feld der Nachfragepunkte (für die Kostentabelle; leer: Objekt-ID)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="453" />
        <source>Coverage per unit</source>
        <translation>Bedarfsdeckung je Gebiet</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="455" />
        <source>Coverage per demand point (A_i)</source>
        <translation>Versorgung je Nachfragepunkt (A_i)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="458" />
        <source>Facilities with their supply-to-demand ratio (R_j)</source>
        <translation>Einrichtungen mit ihrem Angebots-Nachfrage-Verhältnis (R_j)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="465" />
        <source>Standard, target group, catchment and decay used (JSON)</source>
        <translation>Verwendeter Richtwert, Zielgruppe, Einzugsbereich und Distanzabnahme (JSON)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="483" />
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="352" />
        <source>Need and coverage per unit (district, social space) for one facility type: need = target population × standard; supply = capacity of the facilities (CAPACITY_FIELD: a field or an expression, e.g. "capacity" - "capacity_u3"); coverage_ratio = supply / need; places_gap = need − supply (positive = places missing, negative = surplus).

STANDARD: a catalogue id (kita_u3, kita_3_6, primary_school, playground, youth_club …) from the project's standards (Coverage tab) or your default catalogue (Settings ▸ Options ▸ ISRP ▸ Standards). The entry also gives the target group (age bands of the demand points with shares, e.g. 2/3*pop_0_3), the catchment and the decay, unless POPULATION_FIELD, MAX_COST or DECAY are set. “id=value” (e.g. youth_club=5) sets the standard value in the entry's unit. A plain number (e.g. 65) means places per 100 persons of the target group; then POPULATION_FIELD is required. A standard of 0 is an error.

METHOD:
container: facilities count in the unit they lie in (needs UNITS polygons).
2SFCA: two-step floating catchment area. R_j = S_j / Σ_i D_i over demand points within the catchment d0 of facility j; A_i = Σ_j R_j over facilities within d0 of point i. Use of facilities across unit borders is allowed.
E2SFCA: the same with a distance decay f: R_j = S_j / Σ_i D_i·f(d_ij), A_i = Σ_j R_j·f(d_ij). DECAY: none, step (Luo &amp; Qi: thirds of d0 weighted 1, 0.68, 0.22; the default), step(300:1, 600:0.6, 1000:0.2), linear, linear(w_end=0.1), gaussian (weight 0.01 at d0), gaussian(w_d0=0.05), gaussian(sigma=250), gravity(scale=500, alpha=-2, min_dist=50).

MODE: walk, bike, car over the street network exactly as in “Accessibility of facilities” (d_ij = both access legs + network distance or time; same NETWORK, TOLERANCE, MAX_ACCESS_DISTANCE, network cache and diagnostics), straight line (d_ij = Euclidean distance between the points, in minutes at walking speed when COST_UNIT is minutes), or cost table: an origin–destination table (COST_TABLE with COST_ORIGIN_FIELD, COST_DESTINATION_FIELD, COST_FIELD, e.g. public-transport minutes from another router) matched on DEMAND_ID_FIELD / FACILITY_ID_FIELD (compared as text; unmatched ids are listed). MAX_COST is the catchment d0 (0 = from the standard); pairs with d_ij ≤ d0 count.

Facilities without capacity (NULL or not a number) count as 0 places and are listed. Units without target population, facilities without demand in their catchment, demand points that reach no facility and unmatched cost-table ids are reported; no ratio is ever divided by zero.

Units output (OUTPUT_UNITS; the units with their attributes):
target_pop: persons of the target group
need: target_pop × standard (places, m² …)
supply: container: capacity of the facilities in the unit; 2SFCA/E2SFCA: places attributed to the unit's population, Σ D_i·A_i
coverage_ratio: supply / need (1 = 100 %); NULL where the need is 0 or nobody in the unit reaches a facility — NULL is not 0
places_gap: need − supply (positive = missing)
access_index: population-weighted mean A_i of the population that reaches a facility (supply per person of the target group); container: supply / target_pop
reached_pop / unreached_pop: target population with / without a facility in reach (2SFCA/E2SFCA)
n_points: demand points in the unit
capacity_in_unit: capacity of the facilities lying in the unit (for comparison)
note: why a ratio is NULL

Demand points output (OUTPUT_POINTS): target_pop (D_i), unit_id, access_index = A_i (supply per person of the target group; NULL where no facility is in reach), access_per_100 = 100 × A_i, n_reached (facilities within d0), min_cost (cost to the nearest of them, m or min), status (ok, none_in_reach, not_connected, no_geometry; container: the unit's value, status container).

Optional facilities output (OUTPUT_FACILITIES): capacity, ratio R_j (NULL: no demand in the catchment), weighted_demand Σ D_i·f(d_ij), n_points.</source>
        <translation>Bedarf und Bedarfsdeckung je Gebiet (Ortsteil, Sozialraum) für eine Einrichtungsart: Bedarf = Zielgruppe × Richtwert; Angebot = Kapazität der Einrichtungen (CAPACITY_FIELD: ein Feld oder ein Ausdruck, z. B. "capacity" - "capacity_u3"); coverage_ratio = Angebot / Bedarf; places_gap = Bedarf − Angebot (positiv = fehlende Plätze, negativ = Überhang).

STANDARD: eine Katalog-ID (kita_u3, kita_3_6, primary_school, playground, youth_club …) aus den Richtwerten des Projekts (Reiter Bedarfsdeckung) oder Ihrem Standardkatalog (Einstellungen ▸ Optionen ▸ ISRP ▸ Richtwerte). Der Eintrag liefert auch die Zielgruppe (Altersgruppen der Nachfragepunkte mit Anteilen, z. B. 2/3*pop_0_3), den Einzugsbereich und die Distanzabnahme, sofern POPULATION_FIELD, MAX_COST oder DECAY nicht gesetzt sind. „id=Wert“ (z. B. youth_club=5) setzt den Richtwert in der Einheit des Eintrags. Eine bloße Zahl (z. B. 65) bedeutet Plätze je 100 Personen der Zielgruppe; dann ist POPULATION_FIELD erforderlich. Ein Richtwert von 0 ist ein Fehler.

METHOD:
Container: Einrichtungen zählen in dem Gebiet, in dem sie liegen (braucht UNITS-Polygone).
2SFCA: Two-Step Floating Catchment Area. R_j = S_j / Σ_i D_i über die Nachfragepunkte im Einzugsbereich d0 der Einrichtung j; A_i = Σ_j R_j über die Einrichtungen innerhalb d0 von Punkt i. Die Nutzung von Einrichtungen über Gebietsgrenzen hinweg ist erlaubt.
E2SFCA: dasselbe mit einer Distanzabnahme f: R_j = S_j / Σ_i D_i·f(d_ij), A_i = Σ_j R_j·f(d_ij). DECAY: none, step (Luo &amp; Qi: Drittel von d0 mit den Gewichten 1, 0,68, 0,22; die Voreinstellung), step(300:1, 600:0.6, 1000:0.2), linear, linear(w_end=0.1), gaussian (Gewicht 0,01 bei d0), gaussian(w_d0=0.05), gaussian(sigma=250), gravity(scale=500, alpha=-2, min_dist=50).

MODE: zu Fuß, Rad, Auto über das Straßennetz genau wie in „Erreichbarkeit von Einrichtungen“ (d_ij = beide Zugangswege + Netzdistanz oder -zeit; dieselben NETWORK, TOLERANCE, MAX_ACCESS_DISTANCE, derselbe Netz-Cache und dieselben Prüfungen), Luftlinie (d_ij = euklidische Distanz zwischen den Punkten, in Minuten bei Gehgeschwindigkeit, wenn COST_UNIT Minuten ist) oder Kostentabelle: eine Quelle-Ziel-Tabelle (COST_TABLE mit COST_ORIGIN_FIELD, COST_DESTINATION_FIELD, COST_FIELD, z. B. ÖPNV-Minuten aus einem anderen Router), zugeordnet über DEMAND_ID_FIELD / FACILITY_ID_FIELD (als Text verglichen; nicht zuordenbare IDs werden aufgelistet). MAX_COST ist der Einzugsbereich d0 (0 = aus dem Richtwert); es zählen Paare mit d_ij ≤ d0.

Einrichtungen ohne Kapazität (NULL oder keine Zahl) zählen mit 0 Plätzen und werden aufgelistet. Gebiete ohne Zielgruppe, Einrichtungen ohne Nachfrage im Einzugsbereich, Nachfragepunkte ohne erreichbare Einrichtung und nicht zuordenbare IDs der Kostentabelle werden gemeldet; es wird nie durch null geteilt.

Ausgabe je Gebiet (OUTPUT_UNITS; die Gebiete mit ihren Attributen):
target_pop: Personen der Zielgruppe
need: target_pop × Richtwert (Plätze, m² …)
supply: Container: Kapazität der Einrichtungen im Gebiet; 2SFCA/E2SFCA: der Bevölkerung des Gebiets zugerechnete Plätze, Σ D_i·A_i
coverage_ratio: Angebot / Bedarf (1 = 100 %); NULL, wo der Bedarf 0 ist oder niemand im Gebiet eine Einrichtung erreicht – NULL ist nicht 0
places_gap: Bedarf − Angebot (positiv = fehlend)
access_index: bevölkerungsgewichtetes Mittel von A_i über die Bevölkerung, die eine Einrichtung erreicht (Angebot je Person der Zielgruppe); Container: Angebot / target_pop
reached_pop / unreached_pop: Zielgruppe mit / ohne erreichbare Einrichtung (2SFCA/E2SFCA)
n_points: Nachfragepunkte im Gebiet
capacity_in_unit: Kapazität der im Gebiet liegenden Einrichtungen (zum Vergleich)
note: warum ein Verhältnis NULL ist

Ausgabe je Nachfragepunkt (OUTPUT_POINTS): target_pop (D_i), unit_id, access_index = A_i (Angebot je Person der Zielgruppe; NULL, wo keine Einrichtung erreichbar ist), access_per_100 = 100 × A_i, n_reached (Einrichtungen innerhalb d0), min_cost (Kosten zur nächsten davon, m oder min), status (ok, none_in_reach, not_connected, no_geometry; Container: der Wert des Gebiets, Status container).

Optionale Ausgabe der Einrichtungen (OUTPUT_FACILITIES): capacity, ratio R_j (NULL: keine Nachfrage im Einzugsbereich), weighted_demand Σ D_i·f(d_ij), n_points.</translation>
    </message>
</context>
<context>
    <name>CoverageRun</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="516" />
        <source>STANDARD is empty: give a catalogue id (e.g. kita_u3), id=value or a number of places per 100 persons of the target group.</source>
        <translation>STANDARD ist leer: Katalog-ID (z. B. kita_u3), id=Wert oder eine Zahl von Plätzen je 100 Personen der Zielgruppe angeben.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="521" />
        <source>STANDARD is {0}: a standard of 0 (or less) means no need at all, so coverage is undefined. Give the places per 100 persons of the target group, e.g. 65.</source>
        <translation>STANDARD ist {0}: Ein Richtwert von 0 (oder weniger) bedeutet gar keinen Bedarf, die Bedarfsdeckung ist dann nicht definiert. Plätze je 100 Personen der Zielgruppe angeben, z. B. 65.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="524" />
        <source>{0} places per 100 persons</source>
        <translation>{0} Plätze je 100 Personen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="527" />
        <source>The project's standards catalogue is invalid; fix it in the Coverage tab:
{0}</source>
        <translation>Der Richtwertkatalog des Projekts ist ungültig; bitte im Reiter Bedarfsdeckung korrigieren:
{0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="542" />
        <source>STANDARD “{0}”: “{1}” is not a number.</source>
        <translation>STANDARD „{0}“: „{1}“ ist keine Zahl.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="544" />
        <source>STANDARD “{0}”: a standard of 0 (or less) means no need at all, so coverage is undefined. Give a value &gt; 0.</source>
        <translation>STANDARD „{0}“: Ein Richtwert von 0 (oder weniger) bedeutet gar keinen Bedarf, die Bedarfsdeckung ist dann nicht definiert. Einen Wert &gt; 0 angeben.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="548" />
        <source>Standard “{0}” ({1}) has no value (user-defined): give one as {0}=value, e.g. {0}=5 ({2}), or set it in the standards table of the Coverage tab.</source>
        <translation>Der Richtwert „{0}“ ({1}) hat keinen Wert (benutzerdefiniert): als {0}=Wert angeben, z. B. {0}=5 ({2}), oder in der Richtwerttabelle des Reiters Bedarfsdeckung setzen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="568" />
        <source>Target population: {0} (POPULATION_FIELD; the standard's target group {1} is not used).</source>
        <translation>Zielgruppe: {0} (POPULATION_FIELD; die Zielgruppe {1} des Richtwerts wird nicht verwendet).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="573" />
        <source>With a number as STANDARD, choose the field(s) of the target group's population in POPULATION_FIELD.</source>
        <translation>Bei einer Zahl als STANDARD die Feld(er) der Zielgruppe in POPULATION_FIELD wählen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="579" />
        <source>The standard “{0}” counts its target group as {1}, but the demand layer “{2}” has no field {3}. Choose the target group's population field(s) with POPULATION_FIELD.</source>
        <translation>Der Richtwert „{0}“ zählt seine Zielgruppe als {1}, aber der Nachfragelayer „{2}“ hat kein Feld {3}. Die Feld(er) der Zielgruppe mit POPULATION_FIELD wählen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="584" />
        <source>Field(s) {0} of the demand layer “{1}” are not numeric and cannot be counted as population.</source>
        <translation>Feld(er) {0} des Nachfragelayers „{1}“ sind nicht numerisch und können nicht als Bevölkerung gezählt werden.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="586" />
        <source>Target population: {0} (from the standard “{1}”).</source>
        <translation>Zielgruppe: {0} (aus dem Richtwert „{1}“).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="600" />
        <source>MAX_COST: give the catchment d0 (metres or minutes); a number as STANDARD has no catchment of its own.</source>
        <translation>MAX_COST: Einzugsbereich d0 angeben (Meter oder Minuten); eine Zahl als STANDARD hat keinen eigenen Einzugsbereich.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="604" />
        <source>Catchment d0 = {0:g} {1} (from the standard “{2}”).</source>
        <translation>Einzugsbereich d0 = {0:g} {1} (aus dem Richtwert „{2}“).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="617" />
        <source>DECAY “{0}” is ignored: only E2SFCA uses a distance decay.</source>
        <translation>DECAY „{0}“ wird ignoriert: Nur E2SFCA verwendet eine Distanzabnahme.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="620" />
        <source>DECAY</source>
        <translation>DECAY</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="622" />
        <source>the standard “{0}”</source>
        <translation>dem Richtwert „{0}“</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="624" />
        <source>the E2SFCA default (Luo &amp; Qi 2009)</source>
        <translation>der E2SFCA-Voreinstellung (Luo &amp; Qi 2009)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="628" />
        <source>DECAY “{0}” is not valid: {1}</source>
        <translation>DECAY „{0}“ ist ungültig: {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="629" />
        <source>Distance decay: {0} (from {1}).</source>
        <translation>Distanzabnahme: {0} (aus {1}).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="639" />
        <source>CAPACITY_FIELD is empty: choose the field (or expression) with the places of the facilities.</source>
        <translation>CAPACITY_FIELD ist leer: Feld (oder Ausdruck) mit den Plätzen der Einrichtungen wählen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="643" />
        <source>CAPACITY_FIELD “{0}” is not a valid field or expression: {1}</source>
        <translation>CAPACITY_FIELD „{0}“ ist kein gültiges Feld und kein gültiger Ausdruck: {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="649" />
        <source>CAPACITY_FIELD “{0}”: layer “{1}” has no field {2}.</source>
        <translation>CAPACITY_FIELD „{0}“: Layer „{1}“ hat kein Feld {2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="670" />
        <source>Layer “{0}”: {1} facilities have a negative capacity ({2}): {3}</source>
        <translation>Layer „{0}“: {1} Einrichtungen haben eine negative Kapazität ({2}): {3}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="675" />
        <source>Layer “{0}”: {1} of {2} facilities have no capacity (NULL or not a number in {3}); they count as 0 places: {4}</source>
        <translation>Layer „{0}“: {1} von {2} Einrichtungen haben keine Kapazität (NULL oder keine Zahl in {3}); sie zählen mit 0 Plätzen: {4}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="680" />
        <source>no capacity ({0})</source>
        <translation>keine Kapazität ({0})</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="683" />
        <source>Supply: {0:,.0f} ({1}) in {2} facilities.</source>
        <translation>Angebot: {0:,.0f} ({1}) in {2} Einrichtungen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="686" />
        <source>No facility has a capacity above 0: the supply is 0 everywhere.</source>
        <translation>Keine Einrichtung hat eine Kapazität über 0: Das Angebot ist überall 0.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="700" />
        <source>Straight-line minutes at {0:g} km/h.</source>
        <translation>Luftlinien-Minuten bei {0:g} km/h.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="717" />
        <source>The cost-table mode needs COST_TABLE (a table with origin, destination and cost).</source>
        <translation>Der Modus Kostentabelle braucht COST_TABLE (eine Tabelle mit Quelle, Ziel und Kosten).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="722" />
        <source>The cost-table mode needs {0} (a field of the cost table).</source>
        <translation>Der Modus Kostentabelle braucht {0} (ein Feld der Kostentabelle).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="724" />
        <source>The cost table “{0}” has no field “{1}” ({2}).</source>
        <translation>Die Kostentabelle „{0}“ hat kein Feld „{1}“ ({2}).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="741" />
        <source>Cost table: {0} rows have no cost (NULL); they are left out.</source>
        <translation>Kostentabelle: {0} Zeilen haben keine Kosten (NULL); sie werden ausgelassen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="746" />
        <source>Cost table: {0} rows have no origin or destination id (NULL); they are left out.</source>
        <translation>Kostentabelle: {0} Zeilen haben keine Quell- oder Ziel-ID (NULL); sie werden ausgelassen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="752" />
        <source>The cost-table mode matches facilities by FACILITY_ID_FIELD, but some facilities have no id (NULL); fill the ids or filter those facilities out.</source>
        <translation>Der Modus Kostentabelle ordnet Einrichtungen über FACILITY_ID_FIELD zu, aber einige Einrichtungen haben keine ID (NULL); IDs ergänzen oder diese Einrichtungen herausfiltern.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="758" />
        <source>Cost table “{0}”: {1}</source>
        <translation>Kostentabelle „{0}“: {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="765" />
        <source>(Destinations of facilities outside FACILITY_FILTER count as unmatched.)</source>
        <translation>(Ziele von Einrichtungen außerhalb von FACILITY_FILTER zählen als nicht zugeordnet.)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="767" />
        <source>Cost table “{0}”: no row matches both a demand point ({1}) and a facility ({2}) within the catchment {3:g}; check the id fields and COST_ORIGIN_FIELD / COST_DESTINATION_FIELD.</source>
        <translation>Kostentabelle „{0}“: Keine Zeile passt zugleich zu einem Nachfragepunkt ({1}) und einer Einrichtung ({2}) innerhalb des Einzugsbereichs {3:g}; ID-Felder und COST_ORIGIN_FIELD / COST_DESTINATION_FIELD prüfen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="778" />
        <source>feature id</source>
        <translation>Objekt-ID</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="788" />
        <source>Layer “{0}” has no field “{1}” (DEMAND_ID_FIELD).</source>
        <translation>Layer „{0}“ hat kein Feld „{1}“ (DEMAND_ID_FIELD).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="792" />
        <source>Layer “{0}”: {1} demand points have no id (NULL in “{2}”): feature ids {3}</source>
        <translation>Layer „{0}“: {1} Nachfragepunkte haben keine ID (NULL in „{2}“): Objekt-IDs {3}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="808" />
        <source>The container method needs no costs; the cost table is not used.</source>
        <translation>Die Container-Methode braucht keine Kosten; die Kostentabelle wird nicht verwendet.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="833" />
        <source>The container method needs UNITS (polygons): facilities count in the unit they lie in.</source>
        <translation>Die Container-Methode braucht UNITS (Polygone): Einrichtungen zählen in dem Gebiet, in dem sie liegen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="851" />
        <source>Pairs within d0 = {0:g} {1}: {2:,} ({3:.2f} s).</source>
        <translation>Paare innerhalb d0 = {0:g} {1}: {2:,} ({3:.2f} s).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="851" />
        <source>(table units)</source>
        <translation>(Einheit der Tabelle)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="878" />
        <source>No UNITS given: the coverage per unit (OUTPUT_UNITS) is not written.</source>
        <translation>Keine UNITS angegeben: Die Bedarfsdeckung je Gebiet (OUTPUT_UNITS) wird nicht geschrieben.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="913" />
        <source>Overall: target population {0:,.0f}, need {1:,.1f}, supply {2:,.1f} (attributed {3:,.1f}), coverage {4}, places gap {5:,.1f}.</source>
        <translation>Gesamt: Zielgruppe {0:,.0f}, Bedarf {1:,.1f}, Angebot {2:,.1f} (zugerechnet {3:,.1f}), Bedarfsdeckung {4}, Platzlücke {5:,.1f}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="917" />
        <source>Done in {0:.2f} s (costs {1:.2f} s, coverage {2:.2f} s).</source>
        <translation>Fertig in {0:.2f} s (Kosten {1:.2f} s, Bedarfsdeckung {2:.2f} s).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="933" />
        <source>Layer “{0}”: {1} demand points have a negative target population: feature ids {2}</source>
        <translation>Layer „{0}“: {1} Nachfragepunkte haben eine negative Zielgruppe: Objekt-IDs {2}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="936" />
        <source>The target population is 0 at every demand point of layer “{0}” ({1}): there is no need to cover.</source>
        <translation>Die Zielgruppe ist an jedem Nachfragepunkt des Layers „{0}“ 0 ({1}): Es gibt keinen Bedarf zu decken.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="939" />
        <source>Target population with shares: {0:,.1f}.</source>
        <translation>Zielgruppe mit Anteilen: {0:,.1f}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="953" />
        <source>{0} units have no target population (need 0); their coverage_ratio is NULL, not 0: {1}</source>
        <translation>{0} Gebiete haben keine Zielgruppe (Bedarf 0); ihre coverage_ratio ist NULL, nicht 0: {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="968" />
        <source>{0} facilities lie in no unit; the container method does not count them: {1}</source>
        <translation>{0} Einrichtungen liegen in keinem Gebiet; die Container-Methode zählt sie nicht: {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="991" />
        <source>2SFCA: {0}</source>
        <translation>2SFCA: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="996" />
        <source>Facilities without demand in their catchment (ratio NULL, places not attributed): {0}</source>
        <translation>Einrichtungen ohne Nachfrage im Einzugsbereich (Verhältnis NULL, Plätze nicht zugerechnet): {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="1000" />
        <source>{0} facilities with a ratio R_j; demand points reaching a facility: {1} of {2} ({3:.1%} of the target population).</source>
        <translation>{0} Einrichtungen mit einem Verhältnis R_j; Nachfragepunkte mit erreichbarer Einrichtung: {1} von {2} ({3:.1%} der Zielgruppe).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="532" />
        <source>STANDARD “{0}” is neither a number nor an id of the project's standards catalogue (ids: {1}).</source>
        <translation>STANDARD „{0}“ ist weder eine Zahl noch eine ID des Richtwertkatalogs des Projekts (IDs: {1}).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="535" />
        <source>STANDARD “{0}” is neither a number nor an id of the default standards catalogue (ids: {1}).</source>
        <translation>STANDARD „{0}“ ist weder eine Zahl noch eine ID des mitgelieferten Richtwertkatalogs (IDs: {1}).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="555" />
        <source>Standard {0} from the project's catalogue. Source: {1}</source>
        <translation>Richtwert {0} aus dem Katalog des Projekts. Quelle: {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="557" />
        <source>Standard {0} from the default catalogue. Source: {1}</source>
        <translation>Richtwert {0} aus dem mitgelieferten Katalog. Quelle: {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="607" />
        <source>Cost table: the costs are compared with d0 = {0:g} as they are; if the table is not in {1}, set MAX_COST in the table's unit.</source>
        <translation>Kostentabelle: Die Kosten werden unverändert mit d0 = {0:g} verglichen; ist die Tabelle nicht in {1}, MAX_COST in der Einheit der Tabelle setzen.</translation>
    </message>
</context>
<context>
    <name>CoverageStyles</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="216" />
        <source>{0} (meets the standard)</source>
        <translation>{0} (erfüllt den Richtwert)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="225" />
        <source>no ratio (no target population or no facility in reach)</source>
        <translation>kein Verhältnis (keine Zielgruppe oder keine Einrichtung erreichbar)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="234" />
        <source>per 100</source>
        <translation>je 100</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_coverage.py" line="243" />
        <source>no facility in reach</source>
        <translation>keine Einrichtung erreichbar</translation>
    </message>
</context>
<context>
    <name>CoverageTab</name>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="199" />
        <source>Facility type and standard</source>
        <translation>Einrichtungsart und Richtwert</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="202" />
        <source>The standard of the facility type (catalogue below)</source>
        <translation>Der Richtwert der Einrichtungsart (Katalog unten)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="205" />
        <source>Facility type</source>
        <translation>Einrichtungsart</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="209" />
        <source>Units</source>
        <translation>Gebiete</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="240" />
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="215" />
        <source>Id field</source>
        <translation>ID-Feld</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="218" />
        <source>Demand</source>
        <translation>Nachfrage</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="223" />
        <source>The age bands of the target group; as given by the standard unless you change them (then they are added up without shares)</source>
        <translation>Die Altersgruppen der Zielgruppe; wie im Richtwert, solange Sie sie nicht ändern (dann werden sie ohne Anteile addiert)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="228" />
        <source>Target group</source>
        <translation>Zielgruppe</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="232" />
        <source>Facilities</source>
        <translation>Einrichtungen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="237" />
        <source>Only facilities matching this expression (empty: all)</source>
        <translation>Nur Einrichtungen, die diesem Ausdruck entsprechen (leer: alle)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="239" />
        <source>Places (or m² …) per facility: a field or an expression</source>
        <translation>Plätze (oder m² …) je Einrichtung: ein Feld oder ein Ausdruck</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="241" />
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="242" />
        <source>Capacity</source>
        <translation>Kapazität</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="274" />
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="248" />
        <source>container (facilities in the unit)</source>
        <translation>Container (Einrichtungen im Gebiet)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="248" />
        <source>2SFCA</source>
        <translation>2SFCA</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="248" />
        <source>E2SFCA (with distance decay)</source>
        <translation>E2SFCA (mit Distanzabnahme)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="253" />
        <source>walk</source>
        <translation>zu Fuß</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="253" />
        <source>bike</source>
        <translation>Rad</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="253" />
        <source>car</source>
        <translation>Auto</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="253" />
        <source>straight line</source>
        <translation>Luftlinie</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="263" />
        <source>from the standard</source>
        <translation>aus dem Richtwert</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="265" />
        <source>metres</source>
        <translation>Meter</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="266" />
        <source>minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="272" />
        <source>E2SFCA distance decay: none, step, linear, gaussian, or e.g. step(300:1, 600:0.6, 1000:0.2), gaussian(w_d0=0.05)</source>
        <translation>Distanzabnahme für E2SFCA: none, step, linear, gaussian oder z. B. step(300:1, 600:0.6, 1000:0.2), gaussian(w_d0=0.05)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="275" />
        <source>Mode</source>
        <translation>Verkehrsmittel</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="279" />
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="281" />
        <source>Catchment</source>
        <translation>Einzugsbereich</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="282" />
        <source>Decay</source>
        <translation>Distanzabnahme</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="299" />
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="300" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="302" />
        <source>Export table…</source>
        <translation>Tabelle exportieren…</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="319" />
        <source>Messages of the last run</source>
        <translation>Meldungen des letzten Laufs</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="365" />
        <source>user-defined (set it in the standards table)</source>
        <translation>benutzerdefiniert (in der Richtwerttabelle setzen)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="367" />
        <source>Target group {0} · standard {1} · catchment {2:g} {3} · decay {4}</source>
        <translation>Zielgruppe {0} · Richtwert {1} · Einzugsbereich {2:g} {3} · Distanzabnahme {4}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="377" />
        <source>places per 100</source>
        <translation>Plätze je 100</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="377" />
        <source>places per 1000</source>
        <translation>Plätze je 1000</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="378" />
        <source>m² per person</source>
        <translation>m² je Person</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="394" />
        <source>The demand layer has no field {0}: choose the target group's fields.</source>
        <translation>Der Nachfragelayer hat kein Feld {0}: Felder der Zielgruppe wählen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="398" />
        <source>From the standard: {0}</source>
        <translation>Aus dem Richtwert: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="408" />
        <source>Your fields, added up without shares: {0}</source>
        <translation>Ihre Felder, ohne Anteile addiert: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="488" />
        <source>Choose a facility type.</source>
        <translation>Eine Einrichtungsart wählen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="490" />
        <source>The standards table has errors; fix it first.</source>
        <translation>Die Richtwerttabelle enthält Fehler; bitte zuerst korrigieren.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="492" />
        <source>The standard “{0}” has no value: set it in the standards table.</source>
        <translation>Der Richtwert „{0}“ hat keinen Wert: in der Richtwerttabelle setzen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="496" />
        <source>Choose the units, the demand points and the facilities.</source>
        <translation>Gebiete, Nachfragepunkte und Einrichtungen wählen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="499" />
        <source>Choose the capacity field of the facilities.</source>
        <translation>Das Kapazitätsfeld der Einrichtungen wählen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="502" />
        <source>Choose the target group's population field(s).</source>
        <translation>Die Feld(er) der Zielgruppe wählen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="508" />
        <source>Choose a street network or the straight-line mode.</source>
        <translation>Ein Straßennetz oder die Luftlinie wählen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="546" />
        <source>Running …</source>
        <translation>Läuft …</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="549" />
        <source>ISRP coverage</source>
        <translation>ISRP-Bedarfsdeckung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="560" />
        <source>Cancelling …</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="571" />
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="574" />
        <source>The run failed, see the messages below.</source>
        <translation>Der Lauf ist fehlgeschlagen, siehe Meldungen unten.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="585" />
        <source>The results could not be shown: {0}</source>
        <translation>Die Ergebnisse konnten nicht angezeigt werden: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="590" />
        <source>coverage</source>
        <translation>Bedarfsdeckung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="600" />
        <source>{0} – coverage per unit ({1})</source>
        <translation>{0} – Bedarfsdeckung je Gebiet ({1})</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="607" />
        <source>{0} – access per demand point ({1})</source>
        <translation>{0} – Versorgung je Nachfragepunkt ({1})</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="619" />
        <source>Done: {0} units.</source>
        <translation>Fertig: {0} Gebiete.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="620" />
        <source>The result layers are in the layer group “{0}”.</source>
        <translation>Die Ergebnislayer sind in der Layergruppe „{0}“.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="625" />
        <source>Need {0:,.0f} · supply {1:,.0f} · coverage {2}</source>
        <translation>Bedarf {0:,.0f} · Angebot {1:,.0f} · Bedarfsdeckung {2}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="627" />
        <source>Places missing {0:,.0f}</source>
        <translation>Fehlende Plätze {0:,.0f}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="627" />
        <source>Places surplus {0:,.0f}</source>
        <translation>Platzüberhang {0:,.0f}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="639" />
        <source>Unit</source>
        <translation>Gebiet</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="641" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="642" />
        <source>Need</source>
        <translation>Bedarf</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="643" />
        <source>Supply</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="747" />
        <source>Coverage</source>
        <translation>Bedarfsdeckung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="644" />
        <source>Places missing</source>
        <translation>Fehlende Plätze</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="695" />
        <source>Export table</source>
        <translation>Tabelle exportieren</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="695" />
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="713" />
        <source>Not exported: {0}</source>
        <translation>Nicht exportiert: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="630" />
        <source>No facility in reach: {0:,.0f} of the target population</source>
        <translation>Keine Einrichtung erreichbar: {0:,.0f} der Zielgruppe</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="642" />
        <source>Target pop.</source>
        <translation>Zielgruppe</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="715" />
        <source>Table exported: {0}</source>
        <translation>Tabelle exportiert: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="277" />
        <source>Speeds per road class and mode (help: “Speeds and road classes”); empty: one speed per mode</source>
        <translation>Geschwindigkeiten je Straßenklasse und Verkehrsmittel (Hilfe: „Geschwindigkeiten und Straßenklassen“); leer: eine Geschwindigkeit je Verkehrsmittel</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="280" />
        <source>Road class field</source>
        <translation>Feld Straßenklasse</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="285" />
        <source>Standards of this project</source>
        <translation>Richtwerte dieses Projekts</translation>
    </message>
</context>
<context>
    <name>IsrpOptionsFactory</name>
    <message>
        <location filename="../isrp_plugin/gui/options_page.py" line="113" />
        <source>ISRP</source>
        <translation>ISRP</translation>
    </message>
</context>
<context>
    <name>IsrpOptionsPage</name>
    <message>
        <location filename="../resources/ui/options_page.ui" line="6" />
        <source>ISRP</source>
        <translation>ISRP</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="16" />
        <source>Statistical confidentiality</source>
        <translation>Statistische Geheimhaltung</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="18" />
        <source>Suppress counts below</source>
        <translation>Fallzahlen unterdrücken unter</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="19" />
        <source>Counts from 1 up to this value minus one are shown as “.” in everything that leaves the machine (default 3; some offices use 5).</source>
        <translation>Fallzahlen von 1 bis zu diesem Wert minus eins werden in allem, was den Rechner verlässt, als „.“ dargestellt (Standard 3; manche Ämter verwenden 5).</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="20" />
        <source>Minimum population of a unit</source>
        <translation>Mindestbevölkerung einer Raumeinheit</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="21" />
        <source>Units with fewer inhabitants get no social-index class and are flagged on maps (default 300).</source>
        <translation>Raumeinheiten mit weniger Einwohnern erhalten keine Sozialindex-Klasse und werden in Karten markiert (Standard 300).</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="27" />
        <source>Network analysis</source>
        <translation>Netzwerkanalyse</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="29" />
        <source>Walking speed (km/h)</source>
        <translation>Gehgeschwindigkeit (km/h)</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="31" />
        <source>Cycling speed (km/h)</source>
        <translation>Radfahrgeschwindigkeit (km/h)</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="33" />
        <source>Snapping tolerance (m)</source>
        <translation>Fangtoleranz (m)</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="34" />
        <source>Line vertices closer than this become one network node (0 = only identical coordinates).</source>
        <translation>Linienstützpunkte, die näher beieinander liegen, werden zu einem Netzknoten (0 = nur identische Koordinaten).</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="35" />
        <source>Maximum access distance (m)</source>
        <translation>Maximale Zugangsentfernung (m)</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="36" />
        <source>Points farther than this from the network are reported as “not connected”.</source>
        <translation>Punkte, die weiter vom Netz entfernt liegen, werden als „nicht angebunden“ gemeldet.</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="41" />
        <source>Write debug messages to the ISRP log</source>
        <translation>Debug-Meldungen in das ISRP-Protokoll schreiben</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/options_page.py" line="39" />
        <source>Your default catalogue for new projects: a project without standards of its own uses it, and “Reset to my defaults” in the Coverage tab restores it. The catalogue of an open project is edited in the Coverage tab of the ISRP analyses dock. Changes here are saved when you press OK.</source>
        <translation>Ihr Standardkatalog für neue Projekte: Ein Projekt ohne eigene Richtwerte verwendet ihn, und „Auf meine Vorgaben zurücksetzen“ im Reiter Bedarfsdeckung stellt ihn wieder her. Den Katalog eines geöffneten Projekts bearbeiten Sie im Reiter Bedarfsdeckung des ISRP-Analysen-Docks. Änderungen hier werden mit OK gespeichert.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/options_page.py" line="39" />
        <source>Restore shipped defaults</source>
        <translation>Mitgelieferte Vorgaben wiederherstellen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/options_page.py" line="39" />
        <source>Replace the table with the catalogue shipped with the plugin (sources named; values to verify locally)</source>
        <translation>Die Tabelle durch den mit dem Plugin gelieferten Katalog ersetzen (Quellen genannt; Werte vor Ort zu prüfen)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/options_page.py" line="68" />
        <source>{0} standards of your own default catalogue.</source>
        <translation>{0} Richtwerte aus Ihrem eigenen Standardkatalog.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/options_page.py" line="70" />
        <source>{0} standards as shipped with the plugin (verify locally).</source>
        <translation>{0} Richtwerte wie mit dem Plugin geliefert (vor Ort prüfen).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/options_page.py" line="74" />
        <source>{0} standards; saved as your default catalogue when you press OK.</source>
        <translation>{0} Richtwerte; werden mit OK als Ihr Standardkatalog gespeichert.</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="12" />
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="49" />
        <source>Standards</source>
        <translation>Richtwerte</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="50" />
        <source>Default standards catalogue for new projects</source>
        <translation>Standardkatalog der Richtwerte für neue Projekte</translation>
    </message>
</context>
<context>
    <name>IsrpPlugin</name>
    <message>
        <location filename="../isrp_plugin/plugin.py" line="141" />
        <source>Open Erfurt sample project</source>
        <translation>Erfurter Beispielprojekt öffnen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/plugin.py" line="141" />
        <source>Opens a copy of the bundled Erfurt sample project (districts, facilities, demand, network, atlas)</source>
        <translation>Öffnet eine Kopie des mitgelieferten Erfurter Beispielprojekts (Ortsteile, Einrichtungen, Nachfrage, Straßennetz, Atlas)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/plugin.py" line="153" />
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/plugin.py" line="154" />
        <source>Help</source>
        <translation>Hilfe</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/plugin.py" line="224" />
        <source>The sample project is missing from the plugin folder: {0}</source>
        <translation>Das Beispielprojekt fehlt im Plugin-Ordner: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/plugin.py" line="237" />
        <source>The sample project could not be opened.</source>
        <translation>Das Beispielprojekt konnte nicht geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>IsrpProvider</name>
    <message>
        <location filename="../isrp_plugin/processing/provider.py" line="40" />
        <source>ISRP</source>
        <translation>ISRP</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/provider.py" line="43" />
        <source>ISRP – social-space planning</source>
        <translation>ISRP – Sozialraumplanung</translation>
    </message>
</context>
<context>
    <name>IsrpStyling</name>
    <message>
        <location filename="../isrp_plugin/qgis_io/styling.py" line="104" />
        <source>pp</source>
        <translation>Pp.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/styling.py" line="110" />
        <source>persons</source>
        <translation>Personen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/styling.py" line="111" />
        <source>households</source>
        <translation>Haushalte</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/styling.py" line="112" />
        <source>cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/styling.py" line="113" />
        <source>years</source>
        <translation>Jahre</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/styling.py" line="123" />
        <source>{0}: change {1}–{2}</source>
        <translation>{0}: Veränderung {1}–{2}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/styling.py" line="297" />
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/styling.py" line="302" />
        <source>fewer than {0} inhabitants</source>
        <translation>weniger als {0} Einwohner</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/styling.py" line="417" />
        <source>1 positive</source>
        <translation>1 positiv</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/styling.py" line="418" />
        <source>2 stable</source>
        <translation>2 stabil</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/styling.py" line="419" />
        <source>3 negative</source>
        <translation>3 negativ</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/styling.py" line="425" />
        <source>1 high status</source>
        <translation>1 hoher Status</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/styling.py" line="426" />
        <source>2 medium status</source>
        <translation>2 mittlerer Status</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/styling.py" line="427" />
        <source>3 low status</source>
        <translation>3 niedriger Status</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/styling.py" line="428" />
        <source>4 very low status</source>
        <translation>4 sehr niedriger Status</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/styling.py" line="432" />
        <source>not in the index (e.g. fewer than {0} inhabitants)</source>
        <translation>nicht im Index (z. B. weniger als {0} Einwohner)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/styling.py" line="444" />
        <source>Social index: dynamics</source>
        <translation>Sozialindex: Dynamik</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/styling.py" line="446" />
        <source>Social index: status</source>
        <translation>Sozialindex: Status</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/styling.py" line="298" />
        <source>no data or suppressed (.)</source>
        <translation>keine Daten oder gesperrt (.)</translation>
    </message>
</context>
<context>
    <name>LoadAtlasAlgorithm</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="225" />
        <source>Load social-structure atlas</source>
        <translation>Sozialstrukturatlas laden</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="327" />
        <source>Atlas</source>
        <translation>Atlas</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="234" />
        <source>Joins indicator tables of the statistics office to district polygons.

Tables: CSV files in any delimiter (; , tab |), decimal comma or point, thousands separators and encoding (UTF-8, UTF-16, Windows-1252; detected unless set), XLSX/ODS spreadsheets (first sheet, read through GDAL) and table layers of the project. Layout wide (one column per indicator, the year from a column such as 'Jahr', from the file name or from the Year parameter) or long (unit, year, indicator, value). '.' = suppressed and empty cells become NULL, '-' = 0; any other text in a number column becomes NULL and is reported with column, row and value.

Matching: by id as text ('01' is not '1'), by id ignoring leading zeros, or by name (case, umlauts/ß, spaces and hyphens ignored). Every table row without district and every district without data is reported by name. Duplicate ids in the districts or the tables stop the algorithm with a message naming them.

Output: one feature per district with its attributes plus one field per indicator and year, named &lt;indicator&gt;_&lt;year&gt; (double; NULL where missing or suppressed), or in long layout one feature per district and year with a field 'year'. Indicators known to the catalogue (or through aliases: column header → indicator id) are named by their id, others by a short form of the header; the field alias holds the header and year. Optional: &lt;indicator&gt;_chg_&lt;from&gt;_&lt;to&gt; = value(to) − value(from), in the indicator's unit (percentage points for rates in %), and catalogue rates computed from loaded counts.

CRS: a district layer in a geographic CRS (degrees) is reprojected to the Target CRS, by default the project CRS if it is projected, else the UTM zone of the districts; a warning says so. Map sheets, areas and the distance analyses need metres.</source>
        <translation>Verknüpft Indikatortabellen der Statistikstelle mit den Ortsteil-Polygonen.

Tabellen: CSV-Dateien mit beliebigem Trennzeichen (; , Tabulator |), Dezimalkomma oder -punkt, Tausendertrennzeichen und Kodierung (UTF-8, UTF-16, Windows-1252; erkannt, wenn nicht angegeben), XLSX/ODS-Tabellen (erstes Blatt, über GDAL gelesen) und Tabellenlayer des Projekts. Aufbau breit (eine Spalte je Indikator; das Jahr aus einer Spalte wie 'Jahr', aus dem Dateinamen oder aus dem Parameter Jahr) oder lang (Gebiet, Jahr, Indikator, Wert). '.' = gesperrt und leere Zellen werden NULL, '-' = 0; jeder andere Text in einer Zahlenspalte wird NULL und mit Spalte, Zeile und Wert gemeldet.

Zuordnung: nach Schlüssel als Text ('01' ist nicht '1'), nach Schlüssel ohne führende Nullen oder nach Name (Groß-/Kleinschreibung, Umlaute/ß, Leerzeichen und Bindestriche ignoriert). Jede Tabellenzeile ohne Ortsteil und jeder Ortsteil ohne Daten wird mit Namen gemeldet. Doppelte Schlüssel in den Ortsteilen oder den Tabellen beenden den Algorithmus mit einer Meldung, die sie nennt.

Ausgabe: ein Objekt je Ortsteil mit seinen Attributen und einem Feld je Indikator und Jahr, benannt &lt;indikator&gt;_&lt;jahr&gt; (Dezimalzahl; NULL, wo fehlend oder gesperrt), oder im langen Aufbau ein Objekt je Ortsteil und Jahr mit einem Feld 'year'. Im Katalog bekannte Indikatoren (auch über Aliase: Spaltenüberschrift → Indikatorkennung) werden nach ihrer Kennung benannt, andere nach einer Kurzform der Überschrift; der Feldalias enthält Überschrift und Jahr. Optional: &lt;indikator&gt;_chg_&lt;von&gt;_&lt;bis&gt; = Wert(bis) − Wert(von) in der Einheit des Indikators (Prozentpunkte bei Quoten in %), und aus geladenen Fallzahlen berechnete Katalogquoten.

KBS: Ein Ortsteil-Layer in einem geographischen KBS (Grad) wird in das Ziel-KBS umprojiziert, standardmäßig das Projekt-KBS, wenn es projiziert ist, sonst die UTM-Zone der Ortsteile; eine Warnung weist darauf hin. Kartenblätter, Flächen und die Entfernungsanalysen brauchen Meter.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="260" />
        <source>District polygons</source>
        <translation>Ortsteil-Polygone</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="262" />
        <source>District id field</source>
        <translation>Schlüsselfeld der Ortsteile</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="264" />
        <source>District name field</source>
        <translation>Namensfeld der Ortsteile</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="266" />
        <source>Indicator tables (CSV, XLSX, ODS files)</source>
        <translation>Indikatortabellen (CSV-, XLSX-, ODS-Dateien)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="268" />
        <source>Indicator tables (table layers of the project)</source>
        <translation>Indikatortabellen (Tabellenlayer des Projekts)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="270" />
        <source>Match table rows to districts</source>
        <translation>Tabellenzeilen den Ortsteilen zuordnen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="270" />
        <source>by id (text, exact)</source>
        <translation>nach Schlüssel (Text, genau)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="270" />
        <source>by id, ignoring leading zeros</source>
        <translation>nach Schlüssel, führende Nullen ignorieren</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="270" />
        <source>by name (normalised)</source>
        <translation>nach Name (normalisiert)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="274" />
        <source>Table layout</source>
        <translation>Aufbau der Tabellen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="297" />
        <source>detect</source>
        <translation>erkennen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="274" />
        <source>wide (one column per indicator)</source>
        <translation>breit (eine Spalte je Indikator)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="274" />
        <source>long (unit, year, indicator, value)</source>
        <translation>lang (Gebiet, Jahr, Indikator, Wert)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="278" />
        <source>Output layout</source>
        <translation>Aufbau der Ausgabe</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="278" />
        <source>one feature per district, fields &lt;indicator&gt;_&lt;year&gt;</source>
        <translation>ein Objekt je Ortsteil, Felder &lt;indikator&gt;_&lt;jahr&gt;</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="278" />
        <source>one feature per district and year</source>
        <translation>ein Objekt je Ortsteil und Jahr</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="282" />
        <source>Add change fields &lt;indicator&gt;_chg_&lt;from&gt;_&lt;to&gt;</source>
        <translation>Veränderungsfelder &lt;indikator&gt;_chg_&lt;von&gt;_&lt;bis&gt; hinzufügen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="285" />
        <source>Key column in the tables (empty: first column)</source>
        <translation>Schlüsselspalte der Tabellen (leer: erste Spalte)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="287" />
        <source>Name column in the tables (empty: detect)</source>
        <translation>Namensspalte der Tabellen (leer: erkennen)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="289" />
        <source>Year of wide tables without year column or year in the file name</source>
        <translation>Jahr breiter Tabellen ohne Jahresspalte und ohne Jahr im Dateinamen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="292" />
        <source>Encoding (empty: detect; e.g. utf-8, cp1252)</source>
        <translation>Kodierung (leer: erkennen; z. B. utf-8, cp1252)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="294" />
        <source>Delimiter</source>
        <translation>Trennzeichen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="294" />
        <source>tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="297" />
        <source>Decimal separator</source>
        <translation>Dezimaltrennzeichen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="297" />
        <source>comma (1.234,5)</source>
        <translation>Komma (1.234,5)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="297" />
        <source>point (1,234.5)</source>
        <translation>Punkt (1,234.5)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="300" />
        <source>Prefix indicator names with the file name</source>
        <translation>Indikatornamen den Dateinamen voranstellen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="300" />
        <source>never (the same unit, year and indicator in two tables is an error)</source>
        <translation>nie (gleiches Gebiet, Jahr und gleicher Indikator in zwei Tabellen ist ein Fehler)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="300" />
        <source>where the same indicator and year occur in several tables</source>
        <translation>wo derselbe Indikator im selben Jahr in mehreren Tabellen vorkommt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="300" />
        <source>always</source>
        <translation>immer</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="305" />
        <source>Change fields: from year (empty: first year)</source>
        <translation>Veränderungsfelder: von Jahr (leer: erstes Jahr)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="308" />
        <source>Change fields: to year (empty: last year)</source>
        <translation>Veränderungsfelder: bis Jahr (leer: letztes Jahr)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="311" />
        <source>Compute catalogue rates from loaded counts</source>
        <translation>Katalogquoten aus geladenen Fallzahlen berechnen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="313" />
        <source>Field names</source>
        <translation>Feldnamen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="313" />
        <source>indicator ids where the column is known, else short column names</source>
        <translation>Indikatorkennungen, wo die Spalte bekannt ist, sonst kurze Spaltennamen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="313" />
        <source>short column names</source>
        <translation>kurze Spaltennamen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="317" />
        <source>Aliases: column header=indicator id (one per line, or JSON)</source>
        <translation>Aliase: Spaltenüberschrift=Indikatorkennung (einer je Zeile, oder JSON)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="320" />
        <source>Target CRS for districts in a geographic CRS (empty: automatic)</source>
        <translation>Ziel-KBS für Ortsteile in einem geographischen KBS (leer: automatisch)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="329" />
        <source>Indicators (JSON)</source>
        <translation>Indikatoren (JSON)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="330" />
        <source>Years</source>
        <translation>Jahre</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="331" />
        <source>How the tables were read (JSON)</source>
        <translation>Wie die Tabellen gelesen wurden (JSON)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="332" />
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="333" />
        <source>Table rows without district</source>
        <translation>Tabellenzeilen ohne Ortsteil</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="334" />
        <source>Districts without data</source>
        <translation>Ortsteile ohne Daten</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="335" />
        <source>Non-numeric cells</source>
        <translation>Nicht lesbare Zellen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="665" />
        <source>Project indicator definitions ignored: {0}</source>
        <translation>Indikatordefinitionen des Projekts ignoriert: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="448" />
        <source>{0}: {1} sheets; the first sheet “{2}” was read.</source>
        <translation>{0}: {1} Tabellenblätter; das erste Blatt „{2}“ wurde gelesen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="600" />
        <source>The districts layer “{0}” has no field “{1}”. Its fields are: {2}.</source>
        <translation>Der Ortsteil-Layer „{0}“ hat kein Feld „{1}“. Seine Felder: {2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="606" />
        <source>Matching by name needs the district name field.</source>
        <translation>Die Zuordnung nach Name braucht das Namensfeld der Ortsteile.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="611" />
        <source>No indicator table given: add CSV/XLSX/ODS files or table layers.</source>
        <translation>Keine Indikatortabelle angegeben: Fügen Sie CSV-/XLSX-/ODS-Dateien oder Tabellenlayer hinzu.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="618" />
        <source>The districts layer “{0}” has no valid CRS; the output has none either.</source>
        <translation>Der Ortsteil-Layer „{0}“ hat kein gültiges KBS; die Ausgabe hat auch keines.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="627" />
        <source>The districts layer “{0}” is in the geographic CRS {1} (degrees); the atlas is written in {2} (metres) so that map sheets, areas and distances work.</source>
        <translation>Der Ortsteil-Layer „{0}“ liegt im geographischen KBS {1} (Grad); der Atlas wird in {2} (Meter) geschrieben, damit Kartenblätter, Flächen und Entfernungen stimmen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="467" />
        <source>The districts layer “{0}” has no features.</source>
        <translation>Der Ortsteil-Layer „{0}“ enthält keine Objekte.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="471" />
        <source>The districts layer “{0}”: {1} feature(s) have no value in the id field “{2}” (feature ids {3}).</source>
        <translation>Ortsteil-Layer „{0}“: {1} Objekt(e) ohne Wert im Schlüsselfeld „{2}“ (Objekt-IDs {3}).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="479" />
        <source>The districts layer “{0}”, field “{1}”: duplicate ids — {2}.</source>
        <translation>Ortsteil-Layer „{0}“, Feld „{1}“: doppelte Schlüssel — {2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="654" />
        <source>Cannot read the indicator tables: {0}</source>
        <translation>Die Indikatortabellen können nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="656" />
        <source>{0}: {1} rows, {2} indicators, layout {3}, encoding {4}, delimiter {5}, decimal '{6}', year from {7}</source>
        <translation>{0}: {1} Zeilen, {2} Indikatoren, Aufbau {3}, Kodierung {4}, Trennzeichen {5}, Dezimalzeichen '{6}', Jahr aus {7}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="671" />
        <source>The aliases are not valid JSON: {0}</source>
        <translation>Die Aliase sind kein gültiges JSON: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="688" />
        <source>Duplicate keys: {0}</source>
        <translation>Doppelte Schlüssel: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="698" />
        <source> Try matching by id ignoring leading zeros, or by name.</source>
        <translation> Versuchen Sie die Zuordnung nach Schlüssel ohne führende Nullen oder nach Name.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="699" />
        <source>No table row matches a district of “{0}” (field “{1}”, values such as {2}; table keys such as {3}).{4}</source>
        <translation>Keine Tabellenzeile passt zu einem Ortsteil von „{0}“ (Feld „{1}“, Werte wie {2}; Tabellenschlüssel wie {3}).{4}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="747" />
        <source>Rates computed from the loaded counts: {0}</source>
        <translation>Aus den geladenen Fallzahlen berechnete Quoten: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="786" />
        <source>Fields renamed because the districts layer already has them: {0}</source>
        <translation>Felder umbenannt, weil der Ortsteil-Layer sie schon hat: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="794" />
        <source>{0}: change {1}–{2}</source>
        <translation>{0}: Veränderung {1}–{2}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="839" />
        <source>{0} districts, {1} indicators, years {2}; {3} features written.</source>
        <translation>{0} Ortsteile, {1} Indikatoren, Jahre {2}; {3} Objekte geschrieben.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_loadatlas.py" line="841" />
        <source>{0} table rows without district, {1} districts without data, {2} non-numeric cells.</source>
        <translation>{0} Tabellenzeilen ohne Ortsteil, {1} Ortsteile ohne Daten, {2} nicht lesbare Zellen.</translation>
    </message>
</context>
<context>
    <name>LocationSuggestAlgorithm</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="181" />
        <source>Location suggestions (maximal covering, p-median)</source>
        <translation>Standortvorschläge (maximale Abdeckung, p-Median)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="184" />
        <source>Planning</source>
        <translation>Planung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="237" />
        <source>Demand points (residents)</source>
        <translation>Nachfragepunkte (Einwohner)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="239" />
        <source>Target population field(s) (several are added up)</source>
        <translation>Feld(er) der Zielbevölkerung (mehrere werden addiert)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="242" />
        <source>Candidate sites (points; empty: generate candidates)</source>
        <translation>Standortkandidaten (Punkte; leer: Kandidaten erzeugen)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="245" />
        <source>Candidate id field (empty: feature id)</source>
        <translation>Feld mit der Kennung der Kandidaten (leer: Objekt-ID)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="248" />
        <source>Generate candidates (when no candidate layer is given)</source>
        <translation>Kandidaten erzeugen (wenn kein Kandidatenlayer angegeben ist)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="248" />
        <source>grid</source>
        <translation>Raster</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="248" />
        <source>network junctions</source>
        <translation>Netzknoten (Kreuzungen)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="251" />
        <source>Grid spacing (metres)</source>
        <translation>Rasterweite (Meter)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="253" />
        <source>Generate candidates inside these units (polygons)</source>
        <translation>Kandidaten innerhalb dieser Raumeinheiten erzeugen (Polygone)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="256" />
        <source>Unit id field</source>
        <translation>Feld mit der Kennung der Raumeinheit</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="258" />
        <source>Existing facilities (kept open)</source>
        <translation>Bestehende Einrichtungen (bleiben bestehen)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="261" />
        <source>Existing facility id field (empty: feature id)</source>
        <translation>Feld mit der Kennung der bestehenden Einrichtungen (leer: Objekt-ID)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="264" />
        <source>Existing facility filter, e.g. "typ" = 'kita' (empty: all)</source>
        <translation>Filter für bestehende Einrichtungen, z. B. "typ" = 'kita' (leer: alle)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="267" />
        <source>Objective</source>
        <translation>Zielfunktion</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="267" />
        <source>maximal covering (MCLP)</source>
        <translation>maximale Abdeckung (MCLP)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="267" />
        <source>p-median (least weighted distance)</source>
        <translation>p-Median (kleinste gewichtete Entfernung)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="270" />
        <source>Number of new sites (p)</source>
        <translation>Anzahl neuer Standorte (p)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="272" />
        <source>Catchment: maximum cost (metres or minutes)</source>
        <translation>Einzugsbereich: größter Aufwand (Meter oder Minuten)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="276" />
        <source>Street network (lines; network modes)</source>
        <translation>Straßennetz (Linien; für die Netzmodi)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="278" />
        <source>Cost table (origin–destination; mode “cost table”)</source>
        <translation>Kostentabelle (Quelle–Ziel; Modus „Kostentabelle“)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="281" />
        <source>Cost table: origin (demand id) field</source>
        <translation>Kostentabelle: Feld mit der Quelle (Kennung des Nachfragepunkts)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="284" />
        <source>Cost table: destination (candidate or facility id) field</source>
        <translation>Kostentabelle: Feld mit dem Ziel (Kennung des Kandidaten oder der Einrichtung)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="287" />
        <source>Cost table: cost field</source>
        <translation>Kostentabelle: Feld mit den Kosten</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="289" />
        <source>Demand id field (for the cost table; empty: feature id)</source>
        <translation>Feld mit der Kennung der Nachfragepunkte (für die Kostentabelle; leer: Objekt-ID)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="292" />
        <source>Solve exactly up to this many non-zeros of the reduced problem (above: greedy heuristic)</source>
        <translation>Exakt lösen bis zu dieser Zahl von Nicht-Null-Einträgen des reduzierten Problems (darüber: Greedy-Heuristik)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="296" />
        <source>Time limit of the exact solver (seconds)</source>
        <translation>Zeitlimit des exakten Lösers (Sekunden)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="299" />
        <source>Write only the suggested sites</source>
        <translation>Nur die vorgeschlagenen Standorte schreiben</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="301" />
        <source>Location suggestions</source>
        <translation>Standortvorschläge</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="303" />
        <source>Objective value</source>
        <translation>Wert der Zielfunktion</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="304" />
        <source>Proven optimal</source>
        <translation>Nachweislich optimal</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="305" />
        <source>Relative gap bound (0 when exact)</source>
        <translation>Schranke der relativen Optimalitätslücke (0 bei exakter Lösung)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="306" />
        <source>Proven bound on the optimum</source>
        <translation>Bewiesene Schranke für das Optimum</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="307" />
        <source>Value with the existing facilities only</source>
        <translation>Wert allein mit den bestehenden Einrichtungen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="308" />
        <source>Number of suggested sites</source>
        <translation>Anzahl vorgeschlagener Standorte</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="309" />
        <source>Number of candidates</source>
        <translation>Anzahl der Kandidaten</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="310" />
        <source>How the solution was found</source>
        <translation>Wie die Lösung gefunden wurde</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="329" />
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="347" />
        <source>MAX_COST must be a number &gt; 0 (the catchment in {0}).</source>
        <translation>MAX_COST muss eine Zahl &gt; 0 sein (der Einzugsbereich in {0}).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="360" />
        <source>Mode “{0}” needs a street network: set NETWORK (a line layer) or choose the straight-line mode.</source>
        <translation>Verkehrsmittel „{0}“ braucht ein Straßennetz: NETWORK (einen Linienlayer) angeben oder den Luftlinienmodus wählen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="363" />
        <source>Mode “cost table” needs a CANDIDATES layer: generated candidates have no rows in a cost table.</source>
        <translation>Der Modus „Kostentabelle“ braucht einen CANDIDATES-Layer: Erzeugte Kandidaten haben keine Zeilen in einer Kostentabelle.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="366" />
        <source>Generating candidates at network junctions needs NETWORK (a line layer); or generate them on a grid.</source>
        <translation>Kandidaten an Netzknoten zu erzeugen braucht NETWORK (einen Linienlayer); oder die Kandidaten auf einem Raster erzeugen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="394" />
        <source>No candidate sites: the candidate layer is empty or no site could be generated inside the units.</source>
        <translation>Keine Standortkandidaten: Der Kandidatenlayer ist leer oder innerhalb der Raumeinheiten konnte kein Standort erzeugt werden.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="397" />
        <source>P = {0} is larger than the number of candidate sites ({1}): choose P ≤ {1} or give more candidates.</source>
        <translation>P = {0} ist größer als die Zahl der Standortkandidaten ({1}): P ≤ {1} wählen oder mehr Kandidaten angeben.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="406" />
        <source>Costs within {0:g} {1}: {2:,} demand–candidate pairs, {3:,} demand–facility pairs ({4:.2f} s).</source>
        <translation>Aufwand bis {0:g} {1}: {2:,} Paare Nachfragepunkt–Kandidat, {3:,} Paare Nachfragepunkt–Einrichtung ({4:.2f} s).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="431" />
        <source>The location problem cannot be solved: {0}</source>
        <translation>Das Standortproblem kann nicht gelöst werden: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="442" />
        <source>Solution proven optimal ({0}); solved in {1:.2f} s.</source>
        <translation>Lösung nachweislich optimal ({0}); gelöst in {1:.2f} s.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="445" />
        <source>Heuristic solution ({0}): not proven optimal; the optimum is at most {1:.2%} better (bound {2:g}).</source>
        <translation>Heuristische Lösung ({0}): nicht als optimal nachgewiesen; das Optimum ist höchstens {1:.2%} besser (Schranke {2:g}).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="449" />
        <source>Location suggestions done in {0:.2f} s.</source>
        <translation>Standortvorschläge fertig in {0:.2f} s.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="476" />
        <source>POPULATION_FIELD: choose at least one numeric field of layer “{0}” (the target population).</source>
        <translation>POPULATION_FIELD: mindestens ein numerisches Feld von Layer „{0}“ wählen (die Zielbevölkerung).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="481" />
        <source>Layer “{0}” has no field “{1}” (POPULATION_FIELD).</source>
        <translation>Layer „{0}“ hat kein Feld „{1}“ (POPULATION_FIELD).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="484" />
        <source>Field “{0}” of layer “{1}” is not numeric (POPULATION_FIELD).</source>
        <translation>Feld „{0}“ von Layer „{1}“ ist nicht numerisch (POPULATION_FIELD).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="488" />
        <source>Layer “{0}” has no field “{1}” (DEMAND_ID_FIELD).</source>
        <translation>Layer „{0}“ hat kein Feld „{1}“ (DEMAND_ID_FIELD).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="494" />
        <source>Layer “{0}” (DEMAND) has no features.</source>
        <translation>Layer „{0}“ (DEMAND) hat keine Objekte.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="503" />
        <source>Layer “{0}”: {1} demand points have a negative population (feature ids {2}).</source>
        <translation>Layer „{0}“: {1} Nachfragepunkte haben eine negative Bevölkerung (Objekt-IDs {2}).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="507" />
        <source>Layer “{0}”: {1} points have NULL in a population field; NULL counts as 0: feature ids {2}</source>
        <translation>Layer „{0}“: {1} Punkte haben NULL in einem Bevölkerungsfeld; NULL zählt als 0: Objekt-IDs {2}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="512" />
        <source>Layer “{0}”: {1} demand points without a usable geometry (population {2:,.0f}) cannot be reached and are left out: feature ids {3}</source>
        <translation>Layer „{0}“: {1} Nachfragepunkte ohne brauchbare Geometrie (Bevölkerung {2:,.0f}) sind nicht erreichbar und bleiben unberücksichtigt: Objekt-IDs {3}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="520" />
        <source>Layer “{0}”: some demand points have no id (NULL in “{1}”); the cost table cannot be matched.</source>
        <translation>Layer „{0}“: Einige Nachfragepunkte haben keine Kennung (NULL in „{1}“); die Kostentabelle lässt sich nicht zuordnen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="523" />
        <source>Demand: {0} points of layer “{1}”, target population ({2}) {3:,.0f}.</source>
        <translation>Nachfrage: {0} Punkte von Layer „{1}“, Zielbevölkerung ({2}) {3:,.0f}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="532" />
        <source>Layer “{0}” has no field “{1}” (EXISTING_ID_FIELD).</source>
        <translation>Layer „{0}“ hat kein Feld „{1}“ (EXISTING_ID_FIELD).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="539" />
        <source>EXISTING_FILTER is not a valid expression: {0}</source>
        <translation>EXISTING_FILTER ist kein gültiger Ausdruck: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="546" />
        <source>Layer “{0}”: {1} existing facilities without a usable geometry are left out: feature ids {2}</source>
        <translation>Layer „{0}“: {1} bestehende Einrichtungen ohne brauchbare Geometrie bleiben unberücksichtigt: Objekt-IDs {2}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="551" />
        <source>Existing facilities (kept open): {0} of layer “{1}”{2}.</source>
        <translation>Bestehende Einrichtungen (bleiben bestehen): {0} von Layer „{1}“{2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="551" />
        <source> matching {0}</source>
        <translation> mit {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="554" />
        <source>No existing facility: every site is judged against no existing supply.</source>
        <translation>Keine bestehende Einrichtung: Jeder Standort wird ohne bestehendes Angebot bewertet.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="561" />
        <source>Layer “{0}” has no field “{1}” (CANDIDATE_ID_FIELD).</source>
        <translation>Layer „{0}“ hat kein Feld „{1}“ (CANDIDATE_ID_FIELD).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="567" />
        <source>Layer “{0}”: {1} candidates without a usable geometry are left out: feature ids {2}</source>
        <translation>Layer „{0}“: {1} Kandidaten ohne brauchbare Geometrie bleiben unberücksichtigt: Objekt-IDs {2}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="573" />
        <source>Layer “{0}”: some candidates have no id (NULL in “{1}”).</source>
        <translation>Layer „{0}“: Einige Kandidaten haben keine Kennung (NULL in „{1}“).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="577" />
        <source>Layer “{0}”: candidate ids are not unique ({1}).</source>
        <translation>Layer „{0}“: Die Kennungen der Kandidaten sind nicht eindeutig ({1}).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="580" />
        <source>Candidates: {0} sites of layer “{1}”.</source>
        <translation>Kandidaten: {0} Standorte von Layer „{1}“.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="592" />
        <source>Layer “{0}” has no field “{1}” (UNIT_ID_FIELD).</source>
        <translation>Layer „{0}“ hat kein Feld „{1}“ (UNIT_ID_FIELD).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="605" />
        <source>Layer “{0}” (UNITS) has no polygons to generate candidates in.</source>
        <translation>Layer „{0}“ (UNITS) hat keine Polygone, in denen Kandidaten erzeugt werden können.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="695" />
        <source>Layer “{0}” has no field “{1}” ({2}).</source>
        <translation>Layer „{0}“ hat kein Feld „{1}“ ({2}).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="623" />
        <source>GRID_SPACING {0:g} m: {1}</source>
        <translation>GRID_SPACING {0:g} m: {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="635" />
        <source>inside {0} units of layer “{1}”</source>
        <translation>innerhalb von {0} Raumeinheiten von Layer „{1}“</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="648" />
        <source>Candidates generated: {0} grid cell centres ({1:g} m) {2}.</source>
        <translation>Kandidaten erzeugt: {0} Rasterzellenmittelpunkte ({1:g} m) {2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="651" />
        <source>Candidates generated: {0} network junctions (at most one per {1:g} m cell) {2}.</source>
        <translation>Kandidaten erzeugt: {0} Netzknoten (höchstens einer je Zelle von {1:g} m) {2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="687" />
        <source>Mode “cost table” needs COST_TABLE (an origin–destination table).</source>
        <translation>Der Modus „Kostentabelle“ braucht COST_TABLE (eine Quelle-Ziel-Tabelle).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="692" />
        <source>Mode “cost table” needs {0} (a field of the cost table).</source>
        <translation>Der Modus „Kostentabelle“ braucht {0} (ein Feld der Kostentabelle).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="711" />
        <source>Ids used by both a candidate and an existing facility cannot be told apart in the cost table: {0}</source>
        <translation>Kennungen, die sowohl ein Kandidat als auch eine bestehende Einrichtung tragen, lassen sich in der Kostentabelle nicht unterscheiden: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="719" />
        <source>Cost table: {0}</source>
        <translation>Kostentabelle: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="735" />
        <source>Points tied to the network in {0:.2f} s.</source>
        <translation>Punkte in {0:.2f} s an das Netz angebunden.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="746" />
        <source>{0} demand points (population {1:,.0f}) are farther than {2:g} m from the network and reach no site: feature ids {3}</source>
        <translation>{0} Nachfragepunkte (Bevölkerung {1:,.0f}) liegen weiter als {2:g} m vom Netz entfernt und erreichen keinen Standort: Objekt-IDs {3}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="752" />
        <source>{0} candidates are farther than {1:g} m from the network and cannot be chosen: {2}</source>
        <translation>{0} Kandidaten liegen weiter als {1:g} m vom Netz entfernt und können nicht gewählt werden: {2}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="758" />
        <source>{0} existing facilities are farther than {1:g} m from the network and cover nobody: {2}</source>
        <translation>{0} bestehende Einrichtungen liegen weiter als {1:g} m vom Netz entfernt und versorgen niemanden: {2}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="767" />
        <source>The target population is 0 everywhere: nothing to cover.</source>
        <translation>Die Zielbevölkerung ist überall 0: Es gibt nichts zu versorgen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="769" />
        <source>No demand point with target population lies within MAX_COST = {0:g} {1} of any candidate site (the nearest straight-line distance between them is {2:,.0f} m). Increase MAX_COST, check the mode and the cost unit, or give candidates closer to the residents.</source>
        <translation>Kein Nachfragepunkt mit Zielbevölkerung liegt innerhalb von MAX_COST = {0:g} {1} eines Standortkandidaten (die kleinste Luftlinienentfernung zwischen ihnen beträgt {2:,.0f} m). MAX_COST erhöhen, Verkehrsmittel und Einheit des Aufwands prüfen oder Kandidaten näher an den Einwohnern angeben.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="862" />
        <source>Maximal covering: {0} new sites cover {1:,.0f} more persons within {2:g} {3} (already covered by existing facilities: {4:,.0f}).</source>
        <translation>Maximale Abdeckung: {0} neue Standorte versorgen {1:,.0f} Personen zusätzlich innerhalb von {2:g} {3} (bereits durch bestehende Einrichtungen versorgt: {4:,.0f}).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="866" />
        <source>p-median: {0} new sites lower the population-weighted cost from {1:,.0f} to {2:,.0f} (person-{3}).</source>
        <translation>p-Median: {0} neue Standorte senken den bevölkerungsgewichteten Aufwand von {1:,.0f} auf {2:,.0f} (Personen-{3}).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="870" />
        <source>  rank {0}: candidate {1} ({2}), newly covered {3:,.0f}</source>
        <translation>  Rang {0}: Kandidat {1} ({2}), neu versorgt {3:,.0f}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="641" />
        <source>in the area of the demand points (no UNITS given)</source>
        <translation>im Gebiet der Nachfragepunkte (keine UNITS angegeben)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_locationsuggest.py" line="190" />
        <source>Chooses P new sites for a facility type out of candidate sites, with the existing facilities (EXISTING, optionally filtered) kept open and never dropped.

OBJECTIVE: maximal covering (MCLP) maximises the target population (POPULATION_FIELD, several fields are added up) that is newly within MAX_COST of a site, i.e. not already within MAX_COST of an existing facility; p-median minimises the population-weighted cost to the nearest open facility, counting MAX_COST for everybody who has none within MAX_COST.

Costs (MODE) exactly as in “Coverage of need”: along the street network (walk, bike, car; NETWORK; both access legs count), with the network parameters of “Accessibility of facilities” (TOLERANCE, MAX_ACCESS_DISTANCE, SPEED; by car ONEWAY_FIELD and SPEED_FIELD; ROAD_CLASS_FIELD, e.g. the OSM highway tag, with speeds per road class and mode from the shipped table resources/catalogues/road_speeds.csv, changed for the chosen mode by SPEED_TABLE, e.g. residential=30; footway=0, where 0 means the mode may not use the class, such as cars on footways; demand points, candidates and facilities are tied only to streets open to the mode), in a straight line between the points, or read from an origin–destination table (COST_TABLE with COST_ORIGIN_FIELD = DEMAND_ID_FIELD values and COST_DESTINATION_FIELD = CANDIDATE_ID_FIELD or EXISTING_ID_FIELD values, COST_FIELD in the unit of MAX_COST). COST_UNIT: metres or minutes.

Candidates: the CANDIDATES layer, or, when it is empty, generated (GENERATE_CANDIDATES): the centres of a grid with GRID_SPACING metres, or the junctions and dead ends of the network (at most one per GRID_SPACING cell), inside UNITS (use “selected features only” to choose units; without UNITS, the bounding box of the demand points widened by GRID_SPACING).

Solution: exact integer programs (scipy.optimize.milp / HiGHS) or an exact branch and bound, after exact reductions. Only when the reduced problem has more than MAX_EXACT_SIZE non-zeros (default 5,000,000), or both exact methods reach TIME_LIMIT, the greedy heuristic is used; it is labelled as such, with a proven bound on the gap to the optimum.

Output: the candidates (with their own attributes) plus
cand_id: candidate id; source: layer, grid or network_node; unit_id: unit of a generated site
selected: 1 for a suggested site, else 0; rank: order of the suggested sites by contribution (1 = most)
covered_pop: population newly within MAX_COST of the site, in rank order (not within reach of an existing facility or a site ranked before it); the sum over the selected sites is the population newly covered
pop_in_reach: population within MAX_COST of this candidate alone that no existing facility covers (every candidate)
cost_reduction, assigned_pop, mean_cost (p-median): reduction of the weighted cost in rank order, population for which the site is the nearest open facility and its mean cost (metres or minutes)
objective: MCLP – population newly covered; p-median – population-weighted cost (person-metres or person-minutes)
exact: 1 when the solution is proven optimal; gap: relative gap bound of a heuristic solution (0 when exact); solution: how it was found

Results: OBJECTIVE_VALUE, EXACT, GAP, BASELINE (MCLP: population already covered; p-median: cost with the existing facilities only), SELECTED_COUNT.</source>
        <translation>Wählt P neue Standorte für eine Einrichtungsart aus Standortkandidaten; die bestehenden Einrichtungen (EXISTING, optional gefiltert) bleiben bestehen und werden nie gestrichen.

OBJECTIVE: Die maximale Abdeckung (MCLP) maximiert die Zielbevölkerung (POPULATION_FIELD, mehrere Felder werden addiert), die neu innerhalb von MAX_COST eines Standorts liegt, also nicht schon innerhalb von MAX_COST einer bestehenden Einrichtung; der p-Median minimiert den bevölkerungsgewichteten Aufwand zur nächsten Einrichtung und rechnet MAX_COST für alle, die keine innerhalb von MAX_COST erreichen.

Aufwand (MODE) genau wie bei „Bedarfsdeckung“: entlang des Straßennetzes (zu Fuß, Fahrrad, Auto; NETWORK; beide Zugangswege zählen mit), mit den Netzparametern von „Erreichbarkeit von Einrichtungen“ (TOLERANCE, MAX_ACCESS_DISTANCE, SPEED; mit dem Auto ONEWAY_FIELD und SPEED_FIELD; ROAD_CLASS_FIELD, z. B. das OSM-Merkmal highway, mit Geschwindigkeiten je Straßenklasse und Verkehrsmittel aus der mitgelieferten Tabelle resources/catalogues/road_speeds.csv, für das gewählte Verkehrsmittel geändert durch SPEED_TABLE, z. B. residential=30; footway=0, wobei 0 bedeutet, dass das Verkehrsmittel die Klasse nicht benutzen darf, etwa Autos auf Fußwegen; Nachfragepunkte, Kandidaten und Einrichtungen werden nur an Straßen angebunden, die für das Verkehrsmittel offen sind), als Luftlinie zwischen den Punkten oder aus einer Quelle-Ziel-Tabelle (COST_TABLE mit COST_ORIGIN_FIELD = Werte von DEMAND_ID_FIELD und COST_DESTINATION_FIELD = Werte von CANDIDATE_ID_FIELD oder EXISTING_ID_FIELD, COST_FIELD in der Einheit von MAX_COST). COST_UNIT: Meter oder Minuten.

Kandidaten: der Layer CANDIDATES oder, wenn er leer ist, erzeugt (GENERATE_CANDIDATES): die Mittelpunkte eines Rasters mit GRID_SPACING Metern oder die Kreuzungen und Sackgassenenden des Netzes (höchstens einer je Zelle von GRID_SPACING) innerhalb von UNITS („Nur gewählte Objekte“ nutzen, um Raumeinheiten auszuwählen; ohne UNITS das umschließende Rechteck der Nachfragepunkte, um GRID_SPACING erweitert).

Lösung: exakte ganzzahlige Programme (scipy.optimize.milp / HiGHS) oder ein exaktes Branch-and-Bound nach exakten Reduktionen. Nur wenn das reduzierte Problem mehr als MAX_EXACT_SIZE Nicht-Null-Einträge hat (Vorgabe 5.000.000) oder beide exakten Verfahren TIME_LIMIT erreichen, wird die Greedy-Heuristik verwendet; sie wird als solche gekennzeichnet, mit einer bewiesenen Schranke für den Abstand zum Optimum.

Ausgabe: die Kandidaten (mit ihren eigenen Attributen) und
cand_id: Kennung des Kandidaten; source: layer, grid oder network_node (Layer, Raster, Netzknoten); unit_id: Raumeinheit eines erzeugten Standorts
selected: 1 für einen vorgeschlagenen Standort, sonst 0; rank: Reihenfolge der vorgeschlagenen Standorte nach ihrem Beitrag (1 = größter)
covered_pop: Bevölkerung, die neu innerhalb von MAX_COST des Standorts liegt, in Rangfolge (nicht schon im Einzugsbereich einer bestehenden Einrichtung oder eines höher gereihten Standorts); die Summe über die gewählten Standorte ist die neu versorgte Bevölkerung
pop_in_reach: Bevölkerung innerhalb von MAX_COST allein dieses Kandidaten, die keine bestehende Einrichtung versorgt (jeder Kandidat)
cost_reduction, assigned_pop, mean_cost (p-Median): Senkung des gewichteten Aufwands in Rangfolge, Bevölkerung, für die der Standort die nächste Einrichtung ist, und deren mittlerer Aufwand (Meter oder Minuten)
objective: MCLP – neu versorgte Bevölkerung; p-Median – bevölkerungsgewichteter Aufwand (Personenmeter oder Personenminuten)
exact: 1, wenn die Lösung nachweislich optimal ist; gap: Schranke der relativen Lücke einer heuristischen Lösung (0 bei exakter Lösung); solution: wie die Lösung gefunden wurde

Ergebnisse: OBJECTIVE_VALUE, EXACT, GAP, BASELINE (MCLP: bereits versorgte Bevölkerung; p-Median: Aufwand allein mit den bestehenden Einrichtungen), SELECTED_COUNT.</translation>
    </message>
</context>
<context>
    <name>MapSheetsAlgorithm</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="137" />
        <source>Map sheets (PDF per district)</source>
        <translation>Kartenblätter (PDF je Ortsteil)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="140" />
        <source>Publish</source>
        <translation>Veröffentlichen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="156" />
        <source>Makes one map sheet per district or social space from the print-layout templates shipped with the plugin (A4 portrait or A3 landscape, German or English): main map with the chosen indicator or coverage layer, facilities and measures, the area outlined and its neighbours dimmed; locator map, legend, scale bar, north arrow; a table of the area's key indicators against the city; a bar chart of the map indicator over the years; the measures in the area (numbered on the map) with their status; sources and licences (from the layers' metadata), method parameters, page number and date.

Confidentiality is applied before anything is printed: counts below the threshold, rates computed from such counts and secondary suppressions print as “.”.

The layout (“ISRP map sheets – …”) and its layers stay in the project for manual touch-up; the sheet data are written beside the PDF (&lt;name&gt;_data.gpkg). Every export writes &lt;output&gt;.json with the plugin version, the inputs and the parameters.

Runs on the main thread (it edits the project's layouts); cancel stops between two pages.</source>
        <translation>Erstellt je Ortsteil oder Sozialraum ein Kartenblatt aus den mitgelieferten Drucklayout-Vorlagen (A4 hoch oder A3 quer, deutsch oder englisch): Hauptkarte mit dem gewählten Indikator oder Versorgungslayer, Einrichtungen und Maßnahmen, das Gebiet hervorgehoben und die Nachbargebiete abgeschwächt; Übersichtskarte, Legende, Maßstabsleiste, Nordpfeil; eine Tabelle der Kennzahlen des Gebiets im Vergleich zur Gesamtstadt; ein Balkendiagramm des Kartenindikators über die Jahre; die Maßnahmen im Gebiet (in der Karte nummeriert) mit ihrem Status; Quellen und Lizenzen (aus den Metadaten der Layer), Methodenparameter, Seitenzahl und Datum.

Die Geheimhaltung wird angewendet, bevor etwas gedruckt wird: Fallzahlen unter der Schwelle, daraus berechnete Quoten und Sekundärsperrungen erscheinen als „.“.

Das Layout („ISRP map sheets – …“) und seine Layer bleiben zur Nachbearbeitung im Projekt; die Blattdaten werden neben das PDF geschrieben (&lt;Name&gt;_data.gpkg). Jeder Export schreibt &lt;Ausgabe&gt;.json mit Plugin-Version, Eingangsdaten und Parametern.

Läuft im Hauptthread (es verändert die Layouts des Projekts); Abbrechen hält zwischen zwei Seiten an.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="173" />
        <source>Units (districts or social spaces)</source>
        <translation>Gebiete (Ortsteile oder Sozialräume)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="175" />
        <source>Unit id field (empty: guess, e.g. ot_id)</source>
        <translation>ID-Feld der Gebiete (leer: erraten, z. B. ot_id)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="178" />
        <source>Unit name field (empty: guess, e.g. name)</source>
        <translation>Namensfeld der Gebiete (leer: erraten, z. B. name)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="181" />
        <source>Only these units (expression; empty: all)</source>
        <translation>Nur diese Gebiete (Ausdruck; leer: alle)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="183" />
        <source>Social-structure atlas (CSV files, one per year, or one long file)</source>
        <translation>Sozialstrukturatlas (CSV-Dateien, je Jahr eine, oder eine lange Datei)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="186" />
        <source>Indicator for map and chart</source>
        <translation>Indikator für Karte und Diagramm</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="190" />
        <source>Indicator or coverage layer for the main map (empty: the indicator above)</source>
        <translation>Indikator- oder Versorgungslayer für die Hauptkarte (leer: der Indikator oben)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="193" />
        <source>Facilities</source>
        <translation>Einrichtungen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="195" />
        <source>Measure layers</source>
        <translation>Maßnahmen-Layer</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="197" />
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="197" />
        <source>A4 portrait</source>
        <translation>A4 hoch</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="197" />
        <source>A3 landscape</source>
        <translation>A3 quer</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="199" />
        <source>Language of the sheets</source>
        <translation>Sprache der Kartenblätter</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="199" />
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="199" />
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="202" />
        <source>PDF output</source>
        <translation>PDF-Ausgabe</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="202" />
        <source>One multi-page PDF</source>
        <translation>Ein mehrseitiges PDF</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="202" />
        <source>One PDF per unit</source>
        <translation>Ein PDF je Gebiet</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="205" />
        <source>Also write PNG pages for the web (folder &lt;name&gt;_png)</source>
        <translation>Zusätzlich PNG-Seiten für das Web schreiben (Ordner &lt;Name&gt;_png)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="207" />
        <source>City name (column heading of the city values)</source>
        <translation>Name der Stadt (Spaltenkopf der gesamtstädtischen Werte)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="209" />
        <source>Publisher shown in the header (empty: city name)</source>
        <translation>Herausgeber im Kopf (leer: Name der Stadt)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="211" />
        <source>Method: standard (e.g. 65 places per 100 children)</source>
        <translation>Methode: Richtwert (z. B. 65 Plätze je 100 Kinder)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="213" />
        <source>Method: catchment (e.g. 500 m walk)</source>
        <translation>Methode: Einzugsbereich (z. B. 500 m Fußweg)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="215" />
        <source>Method: procedure (e.g. 2SFCA, network distance)</source>
        <translation>Methode: Verfahren (z. B. 2SFCA, Netzdistanz)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="217" />
        <source>Method: data as of (empty: latest atlas year)</source>
        <translation>Methode: Datenstand (leer: jüngstes Atlasjahr)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="221" />
        <source>Social-space name field of the units (for the subtitle)</source>
        <translation>Sozialraum-Namensfeld der Gebiete (für die Unterzeile)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="224" />
        <source>Mapping of atlas units to these units (e.g. Ortsteile → social spaces)</source>
        <translation>Zuordnung der Atlas-Gebiete zu diesen Gebieten (z. B. Ortsteile → Sozialräume)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="227" />
        <source>Mapping: atlas unit id field</source>
        <translation>Zuordnung: ID-Feld der Atlas-Gebiete</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="230" />
        <source>Mapping: id field of these units</source>
        <translation>Zuordnung: ID-Feld dieser Gebiete</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="233" />
        <source>Context layers drawn under the facilities (e.g. main roads)</source>
        <translation>Kontext-Layer unter den Einrichtungen (z. B. Hauptstraßen)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="236" />
        <source>Own layout template (.qpt with the ISRP item ids)</source>
        <translation>Eigene Layoutvorlage (.qpt mit den ISRP-Element-IDs)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="239" />
        <source>Statistics source line (empty: social-structure atlas, statistics office)</source>
        <translation>Quellenzeile der Statistik (leer: Sozialstrukturatlas, Statistikstelle)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="242" />
        <source>Confidentiality: suppress counts below</source>
        <translation>Geheimhaltung: Fallzahlen sperren unter</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="245" />
        <source>Mark units with fewer inhabitants than</source>
        <translation>Gebiete markieren mit weniger Einwohnern als</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="248" />
        <source>List rejected measures too</source>
        <translation>Auch abgelehnte Maßnahmen aufführen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="254" />
        <source>Map sheets (PDF)</source>
        <translation>Kartenblätter (PDF)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="254" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="256" />
        <source>Number of sheets</source>
        <translation>Anzahl der Blätter</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="257" />
        <source>Layout name in the project</source>
        <translation>Name des Layouts im Projekt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="258" />
        <source>Sheet data (GeoPackage)</source>
        <translation>Blattdaten (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="259" />
        <source>Parameters and inputs (JSON)</source>
        <translation>Parameter und Eingangsdaten (JSON)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="260" />
        <source>PNG pages</source>
        <translation>PNG-Seiten</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="284" />
        <source>Choose the unit id field: none of {0} exists.</source>
        <translation>Bitte das ID-Feld der Gebiete wählen: keines von {0} ist vorhanden.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="294" />
        <source>Atlas file not found: {0}</source>
        <translation>Atlasdatei nicht gefunden: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="302" />
        <source>The mapping table needs the fields {0} and {1}.</source>
        <translation>Die Zuordnungstabelle braucht die Felder {0} und {1}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="321" />
        <source>Template not found: {0}</source>
        <translation>Vorlage nicht gefunden: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="346" />
        <source>Units: {0} (id {1}, name {2}); template {3}, language {4}</source>
        <translation>Gebiete: {0} (ID {1}, Name {2}); Vorlage {3}, Sprache {4}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="352" />
        <source>Canceled: the PDF is incomplete.</source>
        <translation>Abgebrochen: das PDF ist unvollständig.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="362" />
        <source>{0} sheets written; {1} measures; {2} cells suppressed, {3} secondary</source>
        <translation>{0} Blätter geschrieben; {1} Maßnahmen; {2} Werte gesperrt, {3} sekundär</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_mapsheets.py" line="364" />
        <source>Layout in the project: {0}</source>
        <translation>Layout im Projekt: {0}</translation>
    </message>
</context>
<context>
    <name>MapSheetsDialog</name>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="127" />
        <source>Map sheets</source>
        <translation>Kartenblätter</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="130" />
        <source>One sheet per district or social space: map, key indicators against the city (confidential values print as “.”), chart, measures, sources. The layout stays in the project.</source>
        <translation>Ein Blatt je Ortsteil oder Sozialraum: Karte, Kennzahlen im Vergleich zur Gesamtstadt (geheime Werte erscheinen als „.“), Diagramm, Maßnahmen, Quellen. Das Layout bleibt im Projekt.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="143" />
        <source>Units</source>
        <translation>Gebiete</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="144" />
        <source>Id field</source>
        <translation>ID-Feld</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="145" />
        <source>Name field</source>
        <translation>Namensfeld</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="149" />
        <source>CSV files (*.csv *.txt)</source>
        <translation>CSV-Dateien (*.csv *.txt)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="153" />
        <source>Atlas (CSV files)</source>
        <translation>Atlas (CSV-Dateien)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="159" />
        <source>Indicator</source>
        <translation>Indikator</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="171" />
        <source>Facilities (optional)</source>
        <translation>Einrichtungen (optional)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="173" />
        <source>Measures</source>
        <translation>Maßnahmen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="173" />
        <source>No measure layers in the project.</source>
        <translation>Keine Maßnahmen-Layer im Projekt.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="177" />
        <source>A4 portrait</source>
        <translation>A4 hoch</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="177" />
        <source>A3 landscape</source>
        <translation>A3 quer</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="178" />
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="180" />
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="180" />
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="182" />
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="184" />
        <source>One multi-page PDF</source>
        <translation>Ein mehrseitiges PDF</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="184" />
        <source>One PDF per unit</source>
        <translation>Ein PDF je Gebiet</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="185" />
        <source>PDF output</source>
        <translation>PDF-Ausgabe</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="186" />
        <source>Also PNG pages for the web</source>
        <translation>Zusätzlich PNG-Seiten für das Web</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="189" />
        <source>e.g. Erfurt</source>
        <translation>z. B. Erfurt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="190" />
        <source>City name</source>
        <translation>Name der Stadt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="193" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="195" />
        <source>Output PDF</source>
        <translation>Ausgabe-PDF</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="198" />
        <source>Make map sheets</source>
        <translation>Kartenblätter erstellen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="199" />
        <source>All parameters…</source>
        <translation>Alle Parameter…</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="165" />
        <source>Map layer instead (optional)</source>
        <translation>Stattdessen Karten-Layer (optional)</translation>
    </message>
</context>
<context>
    <name>MeasureHistoryDialog</name>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="1015" />
        <source>History: {0}</source>
        <translation>Historie: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="1019" />
        <source>When (UTC)</source>
        <translation>Zeitpunkt (UTC)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="1019" />
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="1019" />
        <source>Operation</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="1019" />
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="1021" />
        <source>created</source>
        <translation>angelegt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="1021" />
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="1021" />
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="1029" />
        <source>geometry</source>
        <translation>Geometrie</translation>
    </message>
</context>
<context>
    <name>MeasureMapTool</name>
    <message>
        <location filename="../isrp_plugin/gui/measure_map_tool.py" line="182" />
        <source>New area measure</source>
        <translation>Neue Flächenmaßnahme</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measure_map_tool.py" line="113" />
        <source>Left click adds a vertex, right click finishes, Backspace undoes, Esc cancels.</source>
        <translation>Linksklick setzt einen Stützpunkt, Rechtsklick schließt ab, Rücktaste nimmt den letzten zurück, Esc bricht ab.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measure_map_tool.py" line="182" />
        <source>An area needs at least three vertices.</source>
        <translation>Eine Fläche braucht mindestens drei Stützpunkte.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measure_map_tool.py" line="248" />
        <source>The measure could not be saved: {0}</source>
        <translation>Die Maßnahme konnte nicht gespeichert werden: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measure_map_tool.py" line="260" />
        <source>No measure store is open for this project.</source>
        <translation>Für dieses Projekt ist kein Maßnahmenspeicher geöffnet.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measure_map_tool.py" line="262" />
        <source>The measure store {0} is read-only.</source>
        <translation>Der Maßnahmenspeicher {0} ist schreibgeschützt.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measure_map_tool.py" line="288" />
        <source>No units layer (Ortsteile) found: social space and Ortsteil stay empty.</source>
        <translation>Kein Gebietslayer (Ortsteile) gefunden: Sozialraum und Ortsteil bleiben leer.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measure_map_tool.py" line="290" />
        <source>The measure lies outside all units of “{0}”: no social space assigned.</source>
        <translation>Die Maßnahme liegt außerhalb aller Gebiete von „{0}“: kein Sozialraum zugeordnet.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measure_map_tool.py" line="303" />
        <source>New measure</source>
        <translation>Neue Maßnahme</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measure_map_tool.py" line="327" />
        <source>Unsaved measures (points)</source>
        <translation>Nicht gespeicherte Maßnahmen (Punkte)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measure_map_tool.py" line="327" />
        <source>Unsaved measures (areas)</source>
        <translation>Nicht gespeicherte Maßnahmen (Flächen)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measure_map_tool.py" line="352" />
        <source>Save elsewhere…</source>
        <translation>Anderswo speichern…</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measure_map_tool.py" line="374" />
        <source>Measure not saved</source>
        <translation>Maßnahme nicht gespeichert</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measure_map_tool.py" line="354" />
        <source>It is kept in the layer “Unsaved measures” and in a rescue copy.</source>
        <translation>Sie bleibt im Layer „Nicht gespeicherte Maßnahmen“ und in einer Sicherungskopie erhalten.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measure_map_tool.py" line="362" />
        <source>Save unsaved measures</source>
        <translation>Nicht gespeicherte Maßnahmen speichern</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measure_map_tool.py" line="362" />
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measure_map_tool.py" line="384" />
        <source>Measures saved</source>
        <translation>Maßnahmen gespeichert</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measure_map_tool.py" line="384" />
        <source>Saved to {0}</source>
        <translation>Gespeichert in {0}</translation>
    </message>
</context>
<context>
    <name>MeasurePlanAlgorithm</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="488" />
        <source>Measure plan (XLSX, CSV, PDF)</source>
        <translation>Maßnahmenplan (XLSX, CSV, PDF)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="491" />
        <source>Publish</source>
        <translation>Veröffentlichen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="504" />
        <source>The measure plan of the integrated social-space plan: measures grouped by social space and field of action with status, responsible body, timing and costs.

XLSX: a summary sheet (per social space and main field of action: number of measures by status, investment costs in EUR, running costs in EUR per year, measures without an investment figure; subtotals per social space and a grand total) and one sheet per social space with its measures. CSV: all measures in one table (German: semicolon and decimal comma; UTF-8). PDF: a printable report with the summary and one section per social space.

A measure with several fields of action is listed under the first one. Measures without a social space get it from the units layer (if given) by their location. Each output gets a sidecar &lt;file&gt;.json with the plugin version, inputs and parameters.</source>
        <translation>Der Maßnahmenplan des Integrierten Sozialraumplans: Maßnahmen nach Sozialraum und Handlungsfeld mit Status, Verantwortlichen, Zeitraum und Kosten.

XLSX: ein Übersichtsblatt (je Sozialraum und Haupthandlungsfeld: Anzahl der Maßnahmen nach Status, Investitionskosten in EUR, laufende Kosten in EUR pro Jahr, Maßnahmen ohne Angabe der Investition; Zwischensummen je Sozialraum und eine Gesamtsumme) und je Sozialraum ein Blatt mit seinen Maßnahmen. CSV: alle Maßnahmen in einer Tabelle (deutsch: Semikolon und Dezimalkomma; UTF-8). PDF: ein druckfertiger Bericht mit der Übersicht und einem Abschnitt je Sozialraum.

Eine Maßnahme mit mehreren Handlungsfeldern steht unter dem ersten. Maßnahmen ohne Sozialraum erhalten ihn aus dem Gebietslayer (falls angegeben) anhand ihrer Lage. Zu jeder Ausgabe wird eine &lt;Datei&gt;.json mit Plugin-Version, Eingangsdaten und Parametern geschrieben.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="518" />
        <source>Measure layers</source>
        <translation>Maßnahmen-Layer</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="520" />
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="520" />
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="520" />
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="522" />
        <source>Include rejected measures</source>
        <translation>Abgelehnte Maßnahmen einbeziehen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="525" />
        <source>Social spaces (for measures without a social space)</source>
        <translation>Sozialräume (für Maßnahmen ohne Sozialraum)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="528" />
        <source>Social space id field</source>
        <translation>ID-Feld des Sozialraums</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="531" />
        <source>Social space name field</source>
        <translation>Namensfeld des Sozialraums</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="534" />
        <source>Report title</source>
        <translation>Titel des Berichts</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="539" />
        <source>Measure plan (XLSX)</source>
        <translation>Maßnahmenplan (XLSX)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="539" />
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel-Arbeitsmappen (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="541" />
        <source>Measure plan (CSV)</source>
        <translation>Maßnahmenplan (CSV)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="541" />
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="544" />
        <source>Measure plan report (PDF)</source>
        <translation>Bericht zum Maßnahmenplan (PDF)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="544" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="547" />
        <source>Number of measures</source>
        <translation>Anzahl der Maßnahmen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="548" />
        <source>Number of social spaces</source>
        <translation>Anzahl der Sozialräume</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="561" />
        <source>Layer “{0}” has no measure fields (title, status); skipped.</source>
        <translation>Layer „{0}“ hat keine Maßnahmenfelder (title, status); übersprungen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="603" />
        <source>The units layer has no field {0}.</source>
        <translation>Der Gebietslayer hat kein Feld {0}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="613" />
        <source>{0} measures got their social space from the units layer.</source>
        <translation>{0} Maßnahmen haben ihren Sozialraum aus dem Gebietslayer erhalten.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="616" />
        <source>{0} measures in {1} social spaces</source>
        <translation>{0} Maßnahmen in {1} Sozialräumen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="623" />
        <source>XLSX: {0} sheets → {1}</source>
        <translation>XLSX: {0} Tabellenblätter → {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="628" />
        <source>CSV: {0} rows → {1}</source>
        <translation>CSV: {0} Zeilen → {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_measureplan.py" line="634" />
        <source>PDF: {0} pages → {1}</source>
        <translation>PDF: {0} Seiten → {1}</translation>
    </message>
</context>
<context>
    <name>MeasurePlanDialog</name>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="285" />
        <source>Measure plan</source>
        <translation>Maßnahmenplan</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="288" />
        <source>Measures grouped by social space and field of action with status, responsible body, timing and costs: XLSX (summary plus one sheet per social space), CSV and a PDF report.</source>
        <translation>Maßnahmen nach Sozialraum und Handlungsfeld mit Status, Verantwortlichen, Zeitraum und Kosten: XLSX (Übersicht und je Sozialraum ein Blatt), CSV und ein PDF-Bericht.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="297" />
        <source>Measures</source>
        <translation>Maßnahmen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="297" />
        <source>No measure layers in the project.</source>
        <translation>Keine Maßnahmen-Layer im Projekt.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="300" />
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="300" />
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="302" />
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="303" />
        <source>Include rejected measures</source>
        <translation>Abgelehnte Maßnahmen einbeziehen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="307" />
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel-Arbeitsmappen (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="309" />
        <source>Output XLSX</source>
        <translation>Ausgabe-XLSX</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="310" />
        <source>Also CSV (same name)</source>
        <translation>Zusätzlich CSV (gleicher Name)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="312" />
        <source>Also PDF report (same name)</source>
        <translation>Zusätzlich PDF-Bericht (gleicher Name)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="317" />
        <source>Write measure plan</source>
        <translation>Maßnahmenplan schreiben</translation>
    </message>
</context>
<context>
    <name>MeasureUndo</name>
    <message>
        <location filename="../isrp_plugin/qgis_io/measures_undo.py" line="53" />
        <source>ISRP: {0} measure changes</source>
        <translation>ISRP: {0} Maßnahmenänderungen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/measures_undo.py" line="58" />
        <source>geometry</source>
        <translation>Geometrie</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/measures_undo.py" line="60" />
        <source>ISRP: change '{0}' ({1})</source>
        <translation>ISRP: „{0}“ ändern ({1})</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/measures_undo.py" line="64" />
        <source>ISRP: add measure '{0}'</source>
        <translation>ISRP: Maßnahme „{0}“ hinzufügen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/measures_undo.py" line="65" />
        <source>ISRP: delete measure '{0}'</source>
        <translation>ISRP: Maßnahme „{0}“ löschen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/measures_undo.py" line="256" />
        <source>no measure store is open</source>
        <translation>kein Maßnahmenspeicher geöffnet</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/measures_undo.py" line="260" />
        <source>Could not undo {0}: {1}</source>
        <translation>{0} konnte nicht rückgängig gemacht werden: {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/qgis_io/measures_undo.py" line="260" />
        <source>Could not redo {0}: {1}</source>
        <translation>{0} konnte nicht wiederhergestellt werden: {1}</translation>
    </message>
</context>
<context>
    <name>MeasuresDock</name>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="1081" />
        <source>Measures</source>
        <translation>Maßnahmen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="558" />
        <source>Create or open the project's measure store</source>
        <translation>Maßnahmenspeicher des Projekts anlegen oder öffnen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="560" />
        <source>Open measure store…</source>
        <translation>Maßnahmenspeicher öffnen…</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="561" />
        <source>Create measure store at…</source>
        <translation>Maßnahmenspeicher anlegen unter…</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="563" />
        <source>Reload from disk</source>
        <translation>Neu von der Festplatte laden</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="565" />
        <source>History of the selected measure…</source>
        <translation>Historie der gewählten Maßnahme…</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="574" />
        <source>Save the project first</source>
        <translation>Zuerst das Projekt speichern</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="587" />
        <source>All fields of action</source>
        <translation>Alle Handlungsfelder</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="588" />
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="589" />
        <source>All target groups</source>
        <translation>Alle Zielgruppen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="590" />
        <source>All origins</source>
        <translation>Alle Herkünfte</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="617" />
        <source>All social spaces</source>
        <translation>Alle Sozialräume</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="621" />
        <source>(outside all units)</source>
        <translation>(außerhalb aller Gebiete)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="629" />
        <source>No measure store open</source>
        <translation>Kein Maßnahmenspeicher geöffnet</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="689" />
        <source>{0} of {1}</source>
        <translation>{0} von {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="742" />
        <source>No measure store is open: use “Measure store” to create or open one.</source>
        <translation>Kein Maßnahmenspeicher geöffnet: über „Maßnahmenspeicher“ einen anlegen oder öffnen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="758" />
        <source>Measure store: {0}</source>
        <translation>Maßnahmenspeicher: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="762" />
        <source>Open measure store</source>
        <translation>Maßnahmenspeicher öffnen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="769" />
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="769" />
        <source>Create measure store</source>
        <translation>Maßnahmenspeicher anlegen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="870" />
        <source>Measure: {0}</source>
        <translation>Maßnahme: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="893" />
        <source>The change could not be saved: {0}</source>
        <translation>Die Änderung konnte nicht gespeichert werden: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="903" />
        <source>Allowed: {0}</source>
        <translation>Zulässig: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="927" />
        <source>“{0}” is now {1}.</source>
        <translation>„{0}“ ist jetzt {1}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="936" />
        <source> (copy)</source>
        <translation> (Kopie)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="948" />
        <source>Delete the measure “{0}”? It can be restored from the history.</source>
        <translation>Die Maßnahme „{0}“ löschen? Sie kann aus der Historie wiederhergestellt werden.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="961" />
        <source>{0} (deleted {1} by {2})</source>
        <translation>{0} (gelöscht {1} von {2})</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="963" />
        <source>Restore a deleted measure</source>
        <translation>Gelöschte Maßnahme wiederherstellen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="963" />
        <source>Deleted measures</source>
        <translation>Gelöschte Maßnahmen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="975" />
        <source>There are no deleted measures to restore.</source>
        <translation>Es gibt keine gelöschten Maßnahmen zum Wiederherstellen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="995" />
        <source>Select a measure first.</source>
        <translation>Zuerst eine Maßnahme auswählen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="1089" />
        <source>New measure</source>
        <translation>Neue Maßnahme</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="1089" />
        <source>Place a new measure on the map (point; area mode in the Measures dock)</source>
        <translation>Eine neue Maßnahme auf der Karte setzen (Punkt; Flächenmodus im Bedienfeld Maßnahmen)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="799" />
        <source>No measure store is open: new measures are kept as unsaved drafts. Use “Measure store” to create or open one.</source>
        <translation>Kein Maßnahmenspeicher geöffnet: neue Maßnahmen bleiben als ungespeicherte Entwürfe erhalten. Über „Maßnahmenspeicher“ einen anlegen oder öffnen.</translation>
    </message>
</context>
<context>
    <name>MeasuresDockBase</name>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="6" />
        <source>Measures</source>
        <translation>Maßnahmen</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="16" />
        <source>Measure store</source>
        <translation>Maßnahmenspeicher</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="17" />
        <source>Create or open the GeoPackage that holds the measures of this project</source>
        <translation>Das GeoPackage mit den Maßnahmen dieses Projekts anlegen oder öffnen</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="24" />
        <source>No measure store open</source>
        <translation>Kein Maßnahmenspeicher geöffnet</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="34" />
        <source>Units</source>
        <translation>Gebiete</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="39" />
        <source>Polygon layer of the units (Ortsteile) with the fields ot_id, name, sozialraum_id and sozialraum; new measures take their social space from it</source>
        <translation>Polygonlayer der Gebiete (Ortsteile) mit den Feldern ot_id, name, sozialraum_id und sozialraum; neue Maßnahmen erhalten daraus ihren Sozialraum</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="49" />
        <source>New measure:</source>
        <translation>Neue Maßnahme:</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="54" />
        <source>Point</source>
        <translation>Punkt</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="55" />
        <source>New point measure: click on the map to place it</source>
        <translation>Neue Punktmaßnahme: zum Setzen in die Karte klicken</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="63" />
        <source>Area</source>
        <translation>Fläche</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="64" />
        <source>New area measure: left click adds a vertex, right click finishes</source>
        <translation>Neue Flächenmaßnahme: Linksklick setzt einen Stützpunkt, Rechtsklick schließt ab</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="101" />
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="109" />
        <source>Search title, description, responsible body…</source>
        <translation>Titel, Beschreibung, Verantwortliche durchsuchen…</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="112" />
        <source>Social space</source>
        <translation>Sozialraum</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="113" />
        <source>Field of action</source>
        <translation>Handlungsfeld</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="140" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="115" />
        <source>Target group</source>
        <translation>Zielgruppe</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="116" />
        <source>Origin</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="119" />
        <source>Reset filter</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="138" />
        <source>Zoom to the selected measure</source>
        <translation>Auf die gewählte Maßnahme zoomen</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="139" />
        <source>Open the form of the selected measure</source>
        <translation>Formular der gewählten Maßnahme öffnen</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="140" />
        <source>Change the status of the selected measure</source>
        <translation>Status der gewählten Maßnahme ändern</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="141" />
        <source>Duplicate the selected measure (as a new proposal)</source>
        <translation>Gewählte Maßnahme duplizieren (als neuer Vorschlag)</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="142" />
        <source>Delete the selected measure (its record stays in the history)</source>
        <translation>Gewählte Maßnahme löschen (ihr Datensatz bleibt in der Historie)</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="143" />
        <source>Restore a deleted measure from the history</source>
        <translation>Eine gelöschte Maßnahme aus der Historie wiederherstellen</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="150" />
        <source>Per social space</source>
        <translation>Je Sozialraum</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="151" />
        <source>Number and costs of the listed measures per social space (rejected measures are not counted)</source>
        <translation>Anzahl und Kosten der aufgeführten Maßnahmen je Sozialraum (abgelehnte Maßnahmen zählen nicht)</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="76" />
        <source>Plan:</source>
        <translation>Planen:</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="81" />
        <source>Suggestions…</source>
        <translation>Vorschläge…</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="82" />
        <source>Suggest sites for new facilities (maximal covering or p-median); the chosen ones become proposed measures</source>
        <translation>Standorte für neue Einrichtungen vorschlagen (maximale Abdeckung oder p-Median); die gewählten werden vorgeschlagene Maßnahmen</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="90" />
        <source>Scenario</source>
        <translation>Szenario</translation>
    </message>
    <message>
        <location filename="../resources/ui/measures_dock.ui" line="91" />
        <source>Coverage before and after the facility measures of the store: map of change and table per unit</source>
        <translation>Bedarfsdeckung vor und nach den Einrichtungsmaßnahmen des Speichers: Karte der Veränderung und Tabelle je Raumeinheit</translation>
    </message>
</context>
<context>
    <name>MeasuresManager</name>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="168" />
        <source>The measure store {0} named in the project does not exist.</source>
        <translation>Der im Projekt genannte Maßnahmenspeicher {0} existiert nicht.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="283" />
        <source>Measures</source>
        <translation>Maßnahmen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="272" />
        <source>Edits of {0} could not be saved: {1}</source>
        <translation>Änderungen an {0} konnten nicht gespeichert werden: {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="265" />
        <source>A copy was written to {0}.</source>
        <translation>Eine Kopie wurde nach {0} geschrieben.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="273" />
        <source>They stay in the layer's edit buffer; correct them or roll them back.</source>
        <translation>Sie bleiben im Bearbeitungspuffer des Layers; bitte korrigieren oder verwerfen.</translation>
    </message>
</context>
<context>
    <name>MeasuresSummaryModel</name>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="412" />
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="427" />
        <source>Social space</source>
        <translation>Sozialraum</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="427" />
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="427" />
        <source>Investment €</source>
        <translation>Investition €</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="427" />
        <source>Running €/yr</source>
        <translation>Laufend €/Jahr</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="439" />
        <source>(outside all units)</source>
        <translation>(außerhalb aller Gebiete)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/measures_dock.py" line="445" />
        <source>{0} of {1} measures have no investment figure</source>
        <translation>{0} von {1} Maßnahmen ohne Angabe der Investitionskosten</translation>
    </message>
</context>
<context>
    <name>PrioritiesAlgorithm</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="286" />
        <source>Priority areas (social status × coverage)</source>
        <translation>Prioritätsgebiete (sozialer Status × Bedarfsdeckung)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="289" />
        <source>Analyses</source>
        <translation>Analysen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="295" />
        <source>Combines the social status of each unit (from the social index of the atlas) with its coverage (from “Coverage of need”) into a 3×3 bivariate class and a ranked list, so that units with low social status and poor coverage stand out.

Criteria:
Status group (letter): with STATUS_CLASSES = MSS classes, the status class of the social index: 1 (high) → A, 2 (medium) → B, 3 (low) and 4 (very low) → C; with terciles, the thirds of the status value (higher value = lower status, as the MSS index; tick STATUS_HIGHER_IS_BETTER for the opposite): lowest third → A, middle → B, top third → C.
Coverage tier (digit): terciles of the coverage ratio over the units that have one (q⅓, q⅔): ratio ≥ q⅔ → 1 (good), q⅓ ≤ ratio &lt; q⅔ → 2, ratio &lt; q⅓ → 3 (poor); or fixed breaks (COVERAGE_BREAKS, e.g. 0.8, 1.0: ratio &lt; 0.8 → 3, 0.8 ≤ ratio &lt; 1.0 → 2, ratio ≥ 1.0 → 1).
bivariate_class: letter + digit, A1 … C3; C3 = low status and poor coverage.
priority_score: status tier (A 1, B 2, C 3) + coverage tier, from 2 to 6.
priority_rank: 1 = highest priority, ordered by priority_score (descending), then places missing (GAP_FIELD, descending), then coverage ratio (ascending), then status value (lower status first).
Units without a coverage ratio (no need, nobody reaches a facility) or without a status class (too few inhabitants) get no class and no rank; priority_note says why.

The social index may be a field of the coverage layer (SOCIAL empty) or of another layer (SOCIAL) joined by ID_FIELD = SOCIAL_ID_FIELD (compared as text).

Output: the units (sorted by rank) with their fields plus status_value, status_group, coverage_value, coverage_tier, bivariate_class, priority_score, priority_rank and priority_note. Loaded into the project with a 3×3 blue–red bivariate colour scheme (Stevens / Teuling) and the ranks 1–10 as labels.</source>
        <translation>Verbindet den sozialen Status jedes Gebiets (aus dem Sozialindex des Atlas) mit seiner Bedarfsdeckung (aus „Bedarfsdeckung“) zu einer bivariaten 3×3-Klasse und einer Rangliste, sodass Gebiete mit niedrigem sozialem Status und schlechter Versorgung hervortreten.

Kriterien:
Statusgruppe (Buchstabe): mit STATUS_CLASSES = MSS-Klassen die Statusklasse des Sozialindex: 1 (hoch) → A, 2 (mittel) → B, 3 (niedrig) und 4 (sehr niedrig) → C; mit Terzilen die Drittel des Statuswerts (höherer Wert = niedrigerer Status, wie der MSS-Index; für das Gegenteil STATUS_HIGHER_IS_BETTER ankreuzen): unteres Drittel → A, mittleres → B, oberes Drittel → C.
Versorgungsstufe (Ziffer): Terzile der Bedarfsdeckung über die Gebiete, die eine haben (q⅓, q⅔): Quote ≥ q⅔ → 1 (gut), q⅓ ≤ Quote &lt; q⅔ → 2, Quote &lt; q⅓ → 3 (schlecht); oder feste Grenzen (COVERAGE_BREAKS, z. B. 0.8, 1.0: Quote &lt; 0,8 → 3, 0,8 ≤ Quote &lt; 1,0 → 2, Quote ≥ 1,0 → 1).
bivariate_class: Buchstabe + Ziffer, A1 … C3; C3 = niedriger Status und schlechte Versorgung.
priority_score: Statusstufe (A 1, B 2, C 3) + Versorgungsstufe, von 2 bis 6.
priority_rank: 1 = höchste Priorität, sortiert nach priority_score (absteigend), dann fehlenden Plätzen (GAP_FIELD, absteigend), dann Bedarfsdeckung (aufsteigend), dann Statuswert (niedrigerer Status zuerst).
Gebiete ohne Bedarfsdeckungsquote (kein Bedarf, niemand erreicht eine Einrichtung) oder ohne Statusklasse (zu wenige Einwohner) erhalten keine Klasse und keinen Rang; priority_note nennt den Grund.

Der Sozialindex kann ein Feld des Bedarfsdeckungslayers sein (SOCIAL leer) oder eines anderen Layers (SOCIAL), verknüpft über ID_FIELD = SOCIAL_ID_FIELD (als Text verglichen).

Ausgabe: die Gebiete (nach Rang sortiert) mit ihren Feldern sowie status_value, status_group, coverage_value, coverage_tier, bivariate_class, priority_score, priority_rank und priority_note. Im Projekt mit einem bivariaten 3×3-Farbschema Blau–Rot (Stevens / Teuling) und den Rängen 1–10 als Beschriftung.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="322" />
        <source>Coverage per unit (output of “Coverage of need”)</source>
        <translation>Bedarfsdeckung je Gebiet (Ausgabe von „Bedarfsdeckung“)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="325" />
        <source>Unit id field (to join the social index)</source>
        <translation>ID-Feld der Gebiete (für die Verknüpfung mit dem Sozialindex)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="328" />
        <source>Coverage ratio field (empty: coverage_ratio)</source>
        <translation>Feld der Bedarfsdeckungsquote (leer: coverage_ratio)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="331" />
        <source>Places missing field (ranking within a class)</source>
        <translation>Feld der fehlenden Plätze (Reihung innerhalb einer Klasse)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="334" />
        <source>Coverage breaks b1, b2 (empty: terciles), e.g. 0.8, 1.0</source>
        <translation>Grenzen der Bedarfsdeckung b1, b2 (leer: Terzile), z. B. 0.8, 1.0</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="337" />
        <source>Social index layer (empty: the status field is in the coverage layer)</source>
        <translation>Sozialindex-Layer (leer: das Statusfeld ist im Bedarfsdeckungslayer)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="340" />
        <source>Unit id field of the social index layer</source>
        <translation>ID-Feld der Gebiete im Sozialindex-Layer</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="343" />
        <source>Status field (class 1–4 or status value)</source>
        <translation>Statusfeld (Klasse 1–4 oder Statuswert)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="345" />
        <source>Status groups from</source>
        <translation>Statusgruppen aus</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="345" />
        <source>MSS status classes (1 → A, 2 → B, 3 and 4 → C)</source>
        <translation>MSS-Statusklassen (1 → A, 2 → B, 3 und 4 → C)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="345" />
        <source>terciles of the status value</source>
        <translation>Terzilen des Statuswerts</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="349" />
        <source>Higher status value = better status (terciles only)</source>
        <translation>Höherer Statuswert = besserer Status (nur Terzile)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="351" />
        <source>Priority areas</source>
        <translation>Prioritätsgebiete</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="355" />
        <source>Classification criteria (JSON)</source>
        <translation>Klassifizierungskriterien (JSON)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="515" />
        <source>Layer “{0}” has no field “{1}” ({2}).</source>
        <translation>Layer „{0}“ hat kein Feld „{1}“ ({2}).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="373" />
        <source>STATUS_FIELD is empty: name the field of the social status class or value (e.g. status_class).</source>
        <translation>STATUS_FIELD ist leer: das Feld der sozialen Statusklasse oder des Statuswerts nennen (z. B. status_class).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="380" />
        <source>COVERAGE_BREAKS “{0}”: give two increasing numbers b1, b2, e.g. 0.8, 1.0 (or leave empty for terciles).</source>
        <translation>COVERAGE_BREAKS „{0}“: zwei aufsteigende Zahlen b1, b2 angeben, z. B. 0.8, 1.0 (oder leer lassen für Terzile).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="390" />
        <source>Layer “{0}” has no field “{1}” (STATUS_FIELD); give the social index layer in SOCIAL or choose the status field.</source>
        <translation>Layer „{0}“ hat kein Feld „{1}“ (STATUS_FIELD); den Sozialindex-Layer in SOCIAL angeben oder das Statusfeld wählen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="394" />
        <source>To join the social index layer, choose ID_FIELD (the unit id of “{0}”).</source>
        <translation>Für die Verknüpfung mit dem Sozialindex-Layer ID_FIELD wählen (die Gebiets-ID von „{0}“).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="411" />
        <source>Layer “{0}” has no features.</source>
        <translation>Layer „{0}“ hat keine Objekte.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="424" />
        <source>{0} units have a status value that is not an MSS class 1–4 (use terciles for a continuous index): {1}</source>
        <translation>{0} Gebiete haben einen Statuswert, der keine MSS-Klasse 1–4 ist (für einen stetigen Index Terzile verwenden): {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="426" />
        <source>MSS status classes: 1 → A, 2 → B, 3 and 4 → C</source>
        <translation>MSS-Statusklassen: 1 → A, 2 → B, 3 und 4 → C</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="430" />
        <source>terciles of {0} ({1}): A ≤ {2:.4g} &lt; B ≤ {3:.4g} &lt; C</source>
        <translation>Terzile von {0} ({1}): A ≤ {2:.4g} &lt; B ≤ {3:.4g} &lt; C</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="430" />
        <source>higher = better</source>
        <translation>höher = besser</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="430" />
        <source>higher = lower status</source>
        <translation>höher = niedrigerer Status</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="436" />
        <source>fixed breaks: 3 (poor) &lt; {0:g} ≤ 2 &lt; {1:g} ≤ 1 (good)</source>
        <translation>feste Grenzen: 3 (schlecht) &lt; {0:g} ≤ 2 &lt; {1:g} ≤ 1 (gut)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="438" />
        <source>terciles of {0}: 3 (poor) &lt; {1:.4g} ≤ 2 &lt; {2:.4g} ≤ 1 (good)</source>
        <translation>Terzile von {0}: 3 (schlecht) &lt; {1:.4g} ≤ 2 &lt; {2:.4g} ≤ 1 (gut)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="442" />
        <source>Only {0} units have a coverage ratio: terciles are not meaningful; give COVERAGE_BREAKS.</source>
        <translation>Nur {0} Gebiete haben eine Bedarfsdeckungsquote: Terzile sind nicht aussagekräftig; COVERAGE_BREAKS angeben.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="450" />
        <source>no coverage ratio and no status class</source>
        <translation>keine Bedarfsdeckungsquote und keine Statusklasse</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="452" />
        <source>no coverage ratio</source>
        <translation>keine Bedarfsdeckungsquote</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="454" />
        <source>no status class</source>
        <translation>keine Statusklasse</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="456" />
        <source>Status group: {0}.</source>
        <translation>Statusgruppe: {0}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="457" />
        <source>Coverage tier ({0}): {1}.</source>
        <translation>Versorgungsstufe ({0}): {1}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="458" />
        <source>Rank: priority_score = status tier (A 1, B 2, C 3) + coverage tier, descending; then {0} descending; then {1} ascending; then the status value (lower status first).</source>
        <translation>Rang: priority_score = Statusstufe (A 1, B 2, C 3) + Versorgungsstufe, absteigend; dann {0} absteigend; dann {1} aufsteigend; dann der Statuswert (niedrigerer Status zuerst).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="460" />
        <source>(no gap field)</source>
        <translation>(kein Feld der fehlenden Plätze)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="469" />
        <source>Layer “{0}” already has the field(s) {1}; run on the coverage output, not on a priorities output.</source>
        <translation>Layer „{0}“ hat bereits die Feld(er) {1}; auf die Ausgabe der Bedarfsdeckung anwenden, nicht auf eine Prioritätenausgabe.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="493" />
        <source>{0} units ranked, {1} without class; C3 (low status, poor coverage): {2}.</source>
        <translation>{0} Gebiete gereiht, {1} ohne Klasse; C3 (niedriger Status, schlechte Versorgung): {2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="496" />
        <source>Highest priorities: {0}</source>
        <translation>Höchste Prioritäten: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="530" />
        <source>Layer “{0}”: {1} ids occur more than once in “{2}”; the first is used: {3}</source>
        <translation>Layer „{0}“: {1} IDs kommen in „{2}“ mehrfach vor; die erste wird verwendet: {3}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="535" />
        <source>{0} units have no row in the social index layer “{1}” (matched {2} = {3}): {4}</source>
        <translation>{0} Gebiete haben keine Zeile im Sozialindex-Layer „{1}“ (verknüpft {2} = {3}): {4}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="537" />
        <source>Social index: “{0}” of layer “{1}”, joined for {2} of {3} units.</source>
        <translation>Sozialindex: „{0}“ des Layers „{1}“, verknüpft für {2} von {3} Gebieten.</translation>
    </message>
</context>
<context>
    <name>PrioritiesStyles</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="183" />
        <source>high status</source>
        <translation>hoher Status</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="183" />
        <source>medium status</source>
        <translation>mittlerer Status</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="184" />
        <source>low status</source>
        <translation>niedriger Status</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="185" />
        <source>good coverage</source>
        <translation>gute Versorgung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="185" />
        <source>medium coverage</source>
        <translation>mittlere Versorgung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="186" />
        <source>poor coverage</source>
        <translation>schlechte Versorgung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_priorities.py" line="203" />
        <source>no class (no coverage ratio or no status class)</source>
        <translation>keine Klasse (keine Bedarfsdeckungsquote oder keine Statusklasse)</translation>
    </message>
</context>
<context>
    <name>PublishGui</name>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="349" />
        <source>Measure plan</source>
        <translation>Maßnahmenplan</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="352" />
        <source>{0} measures written to {1}</source>
        <translation>{0} Maßnahmen geschrieben nach {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="355" />
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="360" />
        <source>The measure plan could not be written; see the log.</source>
        <translation>Der Maßnahmenplan konnte nicht geschrieben werden; siehe Protokoll.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="362" />
        <source>ISRP measure plan</source>
        <translation>ISRP-Maßnahmenplan</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="378" />
        <source>Map sheets…</source>
        <translation>Kartenblätter…</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="378" />
        <source>Map sheets (PDF) per district or social space from the layout templates</source>
        <translation>Kartenblätter (PDF) je Ortsteil oder Sozialraum aus den Layoutvorlagen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="381" />
        <source>Measure plan…</source>
        <translation>Maßnahmenplan…</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/publish_dialog.py" line="381" />
        <source>The measure plan by social space and field of action as XLSX, CSV and PDF</source>
        <translation>Der Maßnahmenplan nach Sozialraum und Handlungsfeld als XLSX, CSV und PDF</translation>
    </message>
</context>
<context>
    <name>ScenarioAlgorithm</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="144" />
        <source>Scenario: effect of measures (before / after)</source>
        <translation>Szenario: Wirkung von Maßnahmen (vorher / nachher)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="147" />
        <source>Planning</source>
        <translation>Planung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="187" />
        <source>Facilities (baseline)</source>
        <translation>Einrichtungen (Bestand)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="189" />
        <source>Facility id field (measures name facilities by it; empty: feature id)</source>
        <translation>Feld mit der Kennung der Einrichtungen (Maßnahmen benennen Einrichtungen damit; leer: Objekt-ID)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="192" />
        <source>Facility filter, e.g. "typ" = 'kita' (empty: all facilities)</source>
        <translation>Filter für Einrichtungen, z. B. "typ" = 'kita' (leer: alle Einrichtungen)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="195" />
        <source>Capacity: field or expression (places, m² …)</source>
        <translation>Kapazität: Feld oder Ausdruck (Plätze, m² …)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="198" />
        <source>Measure layers (e.g. the measure store's points and areas)</source>
        <translation>Maßnahmenlayer (z. B. die Punkte und Flächen des Maßnahmenspeichers)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="201" />
        <source>Measures with status</source>
        <translation>Maßnahmen mit Status</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="205" />
        <source>Facility types of new facilities, comma-separated (e.g. kita_u3, kita_3_6; empty: all)</source>
        <translation>Einrichtungsarten neuer Einrichtungen, durch Komma getrennt (z. B. kita_u3, kita_3_6; leer: alle)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="209" />
        <source>Further measure filter (expression; empty: none)</source>
        <translation>Weiterer Filter für Maßnahmen (Ausdruck; leer: keiner)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="212" />
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="212" />
        <source>coverage of need</source>
        <translation>Bedarfsdeckung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="212" />
        <source>accessibility</source>
        <translation>Erreichbarkeit</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="215" />
        <source>Demand points (residents by age band)</source>
        <translation>Nachfragepunkte (Einwohner nach Altersgruppen)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="217" />
        <source>Target population field(s), added up (coverage: empty = target group of the standard)</source>
        <translation>Feld(er) der Zielbevölkerung, addiert (Bedarfsdeckung: leer = Zielgruppe des Richtwerts)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="221" />
        <source>Units (districts / social spaces, polygons)</source>
        <translation>Raumeinheiten (Ortsteile / Sozialräume, Polygone)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="224" />
        <source>Unit id field</source>
        <translation>Feld mit der Kennung der Raumeinheit</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="226" />
        <source>Standard (coverage): catalogue id (e.g. kita_u3), id=value, or places per 100 persons</source>
        <translation>Richtwert (Bedarfsdeckung): Katalog-ID (z. B. kita_u3), ID=Wert oder Plätze je 100 Personen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="229" />
        <source>Method (coverage)</source>
        <translation>Verfahren (Bedarfsdeckung)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="229" />
        <source>container (facilities in the unit)</source>
        <translation>Container (Einrichtungen in der Raumeinheit)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="229" />
        <source>2SFCA</source>
        <translation>2SFCA</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="229" />
        <source>E2SFCA (with distance decay)</source>
        <translation>E2SFCA (mit Distanzabnahme)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="234" />
        <source>Street network (lines; network modes)</source>
        <translation>Straßennetz (Linien; für die Netzmodi)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="235" />
        <source>Catchment / cut-off (metres or minutes; 0 = from the standard, or none)</source>
        <translation>Einzugsbereich / Obergrenze (Meter oder Minuten; 0 = aus dem Richtwert bzw. keine)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="238" />
        <source>Distance decay for E2SFCA (empty: from the standard, else step)</source>
        <translation>Distanzabnahme für E2SFCA (leer: aus dem Richtwert, sonst Stufen)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="240" />
        <source>Thresholds for the shares (accessibility), e.g. 300, 500, 1000</source>
        <translation>Schwellenwerte für die Anteile (Erreichbarkeit), z. B. 300, 500, 1000</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="243" />
        <source>Cost table (origin, destination, cost; for the cost-table mode)</source>
        <translation>Kostentabelle (Quelle, Ziel, Aufwand; für den Kostentabellenmodus)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="246" />
        <source>Cost table: origin (demand point id) field</source>
        <translation>Kostentabelle: Feld mit der Quelle (Kennung des Nachfragepunkts)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="246" />
        <source>Cost table: destination (facility id) field</source>
        <translation>Kostentabelle: Feld mit dem Ziel (Kennung der Einrichtung)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="246" />
        <source>Cost table: cost field</source>
        <translation>Kostentabelle: Feld mit den Kosten</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="252" />
        <source>Demand point id field (for the cost table; empty: feature id)</source>
        <translation>Feld mit der Kennung der Nachfragepunkte (für die Kostentabelle; leer: Objekt-ID)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="257" />
        <source>Scenario: change per unit</source>
        <translation>Szenario: Veränderung je Raumeinheit</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="259" />
        <source>Scenario: before / after table</source>
        <translation>Szenario: Tabelle vorher / nachher</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="262" />
        <source>Scenario facilities</source>
        <translation>Einrichtungen im Szenario</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="265" />
        <source>New facilities</source>
        <translation>Neue Einrichtungen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="265" />
        <source>Closed facilities</source>
        <translation>Geschlossene Einrichtungen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="265" />
        <source>Facilities with a capacity change</source>
        <translation>Einrichtungen mit geänderter Kapazität</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="265" />
        <source>Measures used</source>
        <translation>Berücksichtigte Maßnahmen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="265" />
        <source>Measures skipped</source>
        <translation>Nicht berücksichtigte Maßnahmen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="265" />
        <source>Capacity before</source>
        <translation>Kapazität vorher</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="265" />
        <source>Capacity after</source>
        <translation>Kapazität nachher</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="273" />
        <source>Totals before / after / delta (JSON)</source>
        <translation>Summen vorher / nachher / Differenz (JSON)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="282" />
        <source>The accessibility analysis cannot use a cost table; choose walk, bike, car or straight line, or the coverage analysis.</source>
        <translation>Die Erreichbarkeitsanalyse kann keine Kostentabelle verwenden; zu Fuß, Fahrrad, Auto oder Luftlinie wählen oder die Bedarfsdeckung.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="285" />
        <source>Mode “{0}” needs a street network: set NETWORK (a line layer) or choose the straight-line mode.</source>
        <translation>Verkehrsmittel „{0}“ braucht ein Straßennetz: NETWORK (einen Linienlayer) angeben oder den Luftlinienmodus wählen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="301" />
        <source>Scenario: {0} measures used ({1} new, {2} closed, {3} capacity changes), {4} skipped; capacity {5:,.0f} → {6:,.0f}.</source>
        <translation>Szenario: {0} Maßnahmen berücksichtigt ({1} neu, {2} geschlossen, {3} Kapazitätsänderungen), {4} nicht berücksichtigt; Kapazität {5:,.0f} → {6:,.0f}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="306" />
        <source>No measure changes a facility: before and after are the same.</source>
        <translation>Keine Maßnahme ändert eine Einrichtung: Vorher und nachher sind gleich.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="312" />
        <source>— Analysis {0} the measures ({1}) —</source>
        <translation>— Analyse {0} der Maßnahmen ({1}) —</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="312" />
        <source>before</source>
        <translation>vor</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="312" />
        <source>after</source>
        <translation>nach</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="321" />
        <source>The {0} analysis gave no per-unit output.</source>
        <translation>Die Analyse „{0}“ lieferte kein Ergebnis je Raumeinheit.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="339" />
        <source>Total {0}: before {1}, after {2}, change {3}.</source>
        <translation>Gesamt {0}: vorher {1}, nachher {2}, Veränderung {3}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="358" />
        <source>Layer “{0}” has no valid CRS.</source>
        <translation>Layer „{0}“ hat kein gültiges KBS.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="361" />
        <source>Layer “{0}” has no field “{1}” (FACILITY_ID_FIELD).</source>
        <translation>Layer „{0}“ hat kein Feld „{1}“ (FACILITY_ID_FIELD).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="369" />
        <source>FACILITY_FILTER is not a valid expression: {0}</source>
        <translation>FACILITY_FILTER ist kein gültiger Ausdruck: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="378" />
        <source>CAPACITY_FIELD “{0}” is not a valid field or expression: {1}</source>
        <translation>CAPACITY_FIELD „{0}“ ist kein gültiges Feld und kein gültiger Ausdruck: {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="394" />
        <source>No baseline facilities: layer “{0}” has none{1}.</source>
        <translation>Kein Bestand: Layer „{0}“ hat keine Einrichtungen{1}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="441" />
        <source> matching {0}</source>
        <translation> mit {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="399" />
        <source>Facility ids used more than once (a measure changes all of them): {0}</source>
        <translation>Mehrfach vergebene Einrichtungskennungen (eine Maßnahme ändert alle davon): {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="401" />
        <source>Baseline: {0} facilities of layer “{1}”{2}.</source>
        <translation>Bestand: {0} Einrichtungen von Layer „{1}“{2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="409" />
        <source>MEASURES: give at least one measure layer (e.g. the points and areas of the measure store).</source>
        <translation>MEASURES: mindestens einen Maßnahmenlayer angeben (z. B. die Punkte und Flächen des Maßnahmenspeichers).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="413" />
        <source>MEASURE_FILTER is not a valid expression: {0}</source>
        <translation>MEASURE_FILTER ist kein gültiger Ausdruck: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="423" />
        <source>Layer “{0}” is not a measure layer: it has no field {1} (see the measure store).</source>
        <translation>Layer „{0}“ ist kein Maßnahmenlayer: Ihm fehlt das Feld {1} (siehe Maßnahmenspeicher).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="441" />
        <source>Measures: {0} features of layer “{1}”{2}.</source>
        <translation>Maßnahmen: {0} Objekte von Layer „{1}“{2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="465" />
        <source>status {0} not selected</source>
        <translation>Status {0} nicht gewählt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="469" />
        <source>measure type {0} is not “facility”</source>
        <translation>Maßnahmenart {0} ist nicht „Einrichtung“</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="476" />
        <source>facility type {0} not among {1}</source>
        <translation>Einrichtungsart {0} nicht unter {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="481" />
        <source>no geometry: the new facility cannot be placed</source>
        <translation>keine Geometrie: Die neue Einrichtung kann nicht platziert werden</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="488" />
        <source>Measure {0}: new facility without capacity_change; it counts as 0 places.</source>
        <translation>Maßnahme {0}: neue Einrichtung ohne capacity_change; sie zählt mit 0 Plätzen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="491" />
        <source>Measure {0}: new facility with a negative capacity_change; it counts as 0 places.</source>
        <translation>Maßnahme {0}: neue Einrichtung mit negativer capacity_change; sie zählt mit 0 Plätzen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="500" />
        <source>unknown facility action {0}</source>
        <translation>unbekanntes Vorhaben {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="505" />
        <source>no facility_id: which facility is meant?</source>
        <translation>keine facility_id: Welche Einrichtung ist gemeint?</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="508" />
        <source>facility {0} is not among the baseline facilities (or closed already)</source>
        <translation>Einrichtung {0} gehört nicht zum Bestand (oder ist schon geschlossen)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="519" />
        <source>no capacity_change given</source>
        <translation>keine capacity_change angegeben</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="523" />
        <source>Measure {0}: capacity_change {1:g} has the wrong sign for “{2}”; {3:+g} places are used.</source>
        <translation>Maßnahme {0}: capacity_change {1:g} hat für „{2}“ das falsche Vorzeichen; es werden {3:+g} Plätze verwendet.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="528" />
        <source>Measure {0}: facility {1} would have {2:g} places; 0 is used.</source>
        <translation>Maßnahme {0}: Einrichtung {1} hätte {2:g} Plätze; es wird 0 verwendet.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="539" />
        <source>{0} facility measures are not part of the scenario:</source>
        <translation>{0} Einrichtungsmaßnahmen gehören nicht zum Szenario:</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="567" />
        <source>Algorithm {0} is not available.</source>
        <translation>Algorithmus {0} ist nicht verfügbar.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="608" />
        <source>The two runs gave different units ({0} and {1}).</source>
        <translation>Die beiden Läufe lieferten unterschiedliche Raumeinheiten ({0} und {1}).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="621" />
        <source>The two runs gave the units in a different order.</source>
        <translation>Die beiden Läufe lieferten die Raumeinheiten in unterschiedlicher Reihenfolge.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="689" />
        <source>whole area</source>
        <translation>ganzes Gebiet</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="201" />
        <source>proposed</source>
        <translation>vorgeschlagen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="201" />
        <source>agreed</source>
        <translation>abgestimmt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="201" />
        <source>in progress</source>
        <translation>in Umsetzung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="201" />
        <source>done</source>
        <translation>umgesetzt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="201" />
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_scenario.py" line="153" />
        <source>What would the measures change? Facility measures (MEASURES: one or more measure layers, e.g. the points and areas of the measure store) form a scenario: facility_action “new” adds a facility at the measure's point (polygon: a point inside it) with capacity_change places (in the unit of CAPACITY_FIELD); “expand” / “reduce” change the capacity of the facility whose FACILITY_ID_FIELD equals the measure's facility_id by capacity_change; “close” removes it. Only measures with a status in MEASURE_STATUS (default: all but rejected) and matching MEASURE_FILTER count; new facilities only when their facility_type is in MEASURE_FACILITY_TYPES (comma-separated codes, e.g. kita_u3, kita_3_6; empty: all). Skipped measures are listed.

The analysis (ANALYSIS) runs twice, on the baseline facilities (FACILITIES matching FACILITY_FILTER) and on the scenario, with the same parameters: “coverage” runs “Coverage of need” (STANDARD, METHOD, MODE, MAX_COST, DECAY …, see there), “accessibility” runs “Accessibility per unit” (MODE, MAX_COST, THRESHOLDS …). UNITS are required. The street network parameters (NETWORK, TOLERANCE, MAX_ACCESS_DISTANCE, SPEED, ONEWAY_FIELD, SPEED_FIELD, ROAD_CLASS_FIELD, SPEED_TABLE) are those of the analysis and are passed on unchanged, so distances and minutes are exactly those of the analysis with the same MODE. With ROAD_CLASS_FIELD (e.g. the OSM highway tag) every mode takes its speeds per road class from the shipped table resources/catalogues/road_speeds.csv, changed for the chosen mode by SPEED_TABLE, e.g. residential=30; footway=0 (0 = the mode may not use the class, such as cars on footways; points are tied only to streets open to the mode).

Output (OUTPUT, the units): for every indicator &lt;name&gt;_before, &lt;name&gt;_after and &lt;name&gt;_delta (after − before; NULL when either is NULL, e.g. a coverage ratio that is undefined before). Coverage: need, supply, coverage_ratio, places_gap (positive = places missing), access_index, reached_pop, unreached_pop, capacity_in_unit. Accessibility: pop_reached, pop_unreached, mean and median distance or time, share within each threshold. main_indicator / main_delta: the headline change (coverage_ratio, or the share within the middle threshold) used by the map style.

OUTPUT_TABLE: one row per unit and indicator (unit_id, unit_name, indicator, before, after, delta) plus rows with unit_id “ALL” for the whole area — for CSV export.
OUTPUT_FACILITIES (optional): baseline and scenario facilities with capacity_before, capacity_after, change (new, expand, reduce, close or empty) and measure_ids.</source>
        <translation>Was würden die Maßnahmen ändern? Einrichtungsmaßnahmen (MEASURES: ein oder mehrere Maßnahmenlayer, z. B. die Punkte und Flächen des Maßnahmenspeichers) bilden ein Szenario: facility_action „new“ fügt eine Einrichtung am Punkt der Maßnahme hinzu (Fläche: ein Punkt darin) mit capacity_change Plätzen (in der Einheit von CAPACITY_FIELD); „expand“ / „reduce“ ändern die Kapazität der Einrichtung, deren FACILITY_ID_FIELD gleich facility_id der Maßnahme ist, um capacity_change; „close“ entfernt sie. Es zählen nur Maßnahmen mit einem Status aus MEASURE_STATUS (Vorgabe: alle außer abgelehnt), die MEASURE_FILTER erfüllen; neue Einrichtungen nur, wenn ihre facility_type in MEASURE_FACILITY_TYPES steht (durch Komma getrennte Codes, z. B. kita_u3, kita_3_6; leer: alle). Nicht berücksichtigte Maßnahmen werden aufgelistet.

Die Analyse (ANALYSIS) läuft zweimal mit denselben Parametern, auf dem Bestand (FACILITIES mit FACILITY_FILTER) und auf dem Szenario: „Bedarfsdeckung“ führt „Coverage of need“ aus (STANDARD, METHOD, MODE, MAX_COST, DECAY …, siehe dort), „Erreichbarkeit“ führt „Accessibility per unit“ aus (MODE, MAX_COST, THRESHOLDS …). UNITS sind erforderlich. Die Straßennetzparameter (NETWORK, TOLERANCE, MAX_ACCESS_DISTANCE, SPEED, ONEWAY_FIELD, SPEED_FIELD, ROAD_CLASS_FIELD, SPEED_TABLE) sind die der Analyse und werden unverändert weitergegeben, sodass Entfernungen und Minuten genau die der Analyse mit demselben MODE sind. Mit ROAD_CLASS_FIELD (z. B. dem OSM-Merkmal highway) nimmt jedes Verkehrsmittel seine Geschwindigkeiten je Straßenklasse aus der mitgelieferten Tabelle resources/catalogues/road_speeds.csv, für das gewählte Verkehrsmittel geändert durch SPEED_TABLE, z. B. residential=30; footway=0 (0 = das Verkehrsmittel darf die Klasse nicht benutzen, etwa Autos auf Fußwegen; Punkte werden nur an Straßen angebunden, die für das Verkehrsmittel offen sind).

Ausgabe (OUTPUT, die Raumeinheiten): für jeden Indikator &lt;name&gt;_before, &lt;name&gt;_after und &lt;name&gt;_delta (nachher − vorher; NULL, wenn einer der Werte NULL ist, z. B. eine vorher undefinierte Versorgungsquote). Bedarfsdeckung: need, supply, coverage_ratio, places_gap (positiv = fehlende Plätze), access_index, reached_pop, unreached_pop, capacity_in_unit. Erreichbarkeit: pop_reached, pop_unreached, mittlere und mediane Entfernung oder Zeit, Anteil innerhalb jedes Schwellenwerts. main_indicator / main_delta: die wichtigste Änderung (coverage_ratio oder der Anteil innerhalb des mittleren Schwellenwerts), nach der die Karte eingefärbt wird.

OUTPUT_TABLE: eine Zeile je Raumeinheit und Indikator (unit_id, unit_name, indicator, before, after, delta) sowie Zeilen mit unit_id „ALL“ für das ganze Gebiet – für den CSV-Export.
OUTPUT_FACILITIES (optional): Einrichtungen von Bestand und Szenario mit capacity_before, capacity_after, change (new, expand, reduce, close oder leer) und measure_ids.</translation>
    </message>
</context>
<context>
    <name>ScenarioGui</name>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="346" />
        <source>Measure store: {0}</source>
        <translation>Maßnahmenspeicher: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="505" />
        <source>Turn selected suggestions into measures</source>
        <translation>Ausgewählte Vorschläge in Maßnahmen umwandeln</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="362" />
        <source>{0} sites suggested (objective {1:,.0f}, {2}).</source>
        <translation>{0} Standorte vorgeschlagen (Zielfunktion {1:,.0f}, {2}).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="362" />
        <source>proven optimal</source>
        <translation>nachweislich optimal</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="362" />
        <source>heuristic</source>
        <translation>heuristisch</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="380" />
        <source>No location suggestions found: run “Location suggestions…” first.</source>
        <translation>Keine Standortvorschläge gefunden: zuerst „Standortvorschläge…“ ausführen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="384" />
        <source>No suggestion is selected in layer “{0}”.</source>
        <translation>In Layer „{0}“ ist kein Vorschlag ausgewählt.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="397" />
        <source>Turn into measures</source>
        <translation>In Maßnahmen umwandeln</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="392" />
        <source>Facility type of the new facilities:</source>
        <translation>Einrichtungsart der neuen Einrichtungen:</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="397" />
        <source>Places per new facility (0 = not known yet):</source>
        <translation>Plätze je neuer Einrichtung (0 = noch unbekannt):</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="404" />
        <source>No measure store: save the project or open a store in the Measures dock.</source>
        <translation>Kein Maßnahmenspeicher: das Projekt speichern oder im Maßnahmen-Panel einen Speicher öffnen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="410" />
        <source>The measures could not be saved: {0}</source>
        <translation>Die Maßnahmen konnten nicht gespeichert werden: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="415" />
        <source>{0} proposed measures written to {1}.</source>
        <translation>{0} vorgeschlagene Maßnahmen in {1} gespeichert.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="424" />
        <source>No measure store: open or create one in the Measures dock.</source>
        <translation>Kein Maßnahmenspeicher: im Maßnahmen-Panel einen öffnen oder anlegen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="437" />
        <source>The scenario could not be computed; see the log.</source>
        <translation>Das Szenario konnte nicht berechnet werden; siehe Protokoll.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="443" />
        <source>Scenario: change of coverage</source>
        <translation>Szenario: Veränderung der Bedarfsdeckung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="449" />
        <source>Scenario: {0} new, {1} closed, {2} changed facilities; capacity {3:,.0f} → {4:,.0f}.</source>
        <translation>Szenario: {0} neue, {1} geschlossene, {2} geänderte Einrichtungen; Kapazität {3:,.0f} → {4:,.0f}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="456" />
        <source>ISRP scenario (before / after)</source>
        <translation>ISRP-Szenario (vorher / nachher)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="501" />
        <source>Location suggestions…</source>
        <translation>Standortvorschläge…</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="501" />
        <source>Suggest sites for new facilities (maximal covering or p-median) and turn them into proposed measures</source>
        <translation>Standorte für neue Einrichtungen vorschlagen (maximale Abdeckung oder p-Median) und in vorgeschlagene Maßnahmen umwandeln</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="508" />
        <source>Scenario (before / after)</source>
        <translation>Szenario (vorher / nachher)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="508" />
        <source>Coverage before and after the measures of the measure store, as a map of change</source>
        <translation>Bedarfsdeckung vor und nach den Maßnahmen des Maßnahmenspeichers, als Veränderungskarte</translation>
    </message>
</context>
<context>
    <name>SimilarDistrictsAlgorithm</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_similardistricts.py" line="71" />
        <source>Similar districts</source>
        <translation>Ähnliche Ortsteile</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_similardistricts.py" line="44" />
        <source>Atlas</source>
        <translation>Atlas</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_similardistricts.py" line="50" />
        <source>Ranks the other districts by how similar they are to a chosen district over the chosen indicators.

Each indicator is standardised (z = (x − mean) / SD over the districts with a value, population SD) so that indicators in different units weigh equally; the distance is the Euclidean distance of the z-values. Missing values: a pair is compared over the indicators both have, scaled up to all indicators; n_common says how many. Indicators without variation are left out (warning).

Output: the districts sorted by similarity with sim_rank (0 = the chosen district, 1 = most similar; ties share a rank; NULL when no common indicator), sim_distance (in standard deviations) and sim_n_common. The output SIMILAR lists the ids of the most similar districts (Top N).</source>
        <translation>Ordnet die übrigen Ortsteile danach, wie ähnlich sie einem gewählten Ortsteil bei den gewählten Indikatoren sind.

Jeder Indikator wird standardisiert (z = (x − Mittelwert) / Standardabweichung über die Ortsteile mit Wert, Standardabweichung der Grundgesamtheit), damit Indikatoren in verschiedenen Einheiten gleich gewichtet sind; der Abstand ist der euklidische Abstand der z-Werte. Fehlende Werte: Ein Paar wird über die Indikatoren verglichen, die beide haben, hochgerechnet auf alle Indikatoren; n_common gibt an, wie viele. Indikatoren ohne Streuung bleiben unberücksichtigt (Warnung).

Ausgabe: die Ortsteile nach Ähnlichkeit sortiert mit sim_rank (0 = der gewählte Ortsteil, 1 = am ähnlichsten; Gleichstände teilen einen Rang; NULL ohne gemeinsamen Indikator), sim_distance (in Standardabweichungen) und sim_n_common. Die Ausgabe SIMILAR nennt die Schlüssel der ähnlichsten Ortsteile (Top N).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_similardistricts.py" line="63" />
        <source>Districts</source>
        <translation>Ortsteile</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_similardistricts.py" line="64" />
        <source>District id field</source>
        <translation>Schlüsselfeld der Ortsteile</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_similardistricts.py" line="66" />
        <source>District to compare with (id)</source>
        <translation>Vergleichsortsteil (Schlüssel)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_similardistricts.py" line="67" />
        <source>Indicator fields</source>
        <translation>Indikatorfelder</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_similardistricts.py" line="69" />
        <source>Top N (listed in SIMILAR; 0 = all)</source>
        <translation>Top N (in SIMILAR aufgeführt; 0 = alle)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_similardistricts.py" line="72" />
        <source>Most similar district ids</source>
        <translation>Schlüssel der ähnlichsten Ortsteile</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_similardistricts.py" line="85" />
        <source>Choose at least one indicator field.</source>
        <translation>Wählen Sie mindestens ein Indikatorfeld.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_similardistricts.py" line="88" />
        <source>The layer “{0}” has no field “{1}”. Its fields are: {2}.</source>
        <translation>Der Layer „{0}“ hat kein Feld „{1}“. Seine Felder: {2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_similardistricts.py" line="93" />
        <source>The layer “{0}”, field “{1}”: duplicate ids {2}.</source>
        <translation>Layer „{0}“, Feld „{1}“: doppelte Schlüssel {2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_similardistricts.py" line="96" />
        <source>The layer “{0}” has no district with {1} = “{2}”.</source>
        <translation>Der Layer „{0}“ hat keinen Ortsteil mit {1} = „{2}“.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_similardistricts.py" line="104" />
        <source>Similar districts: {0}</source>
        <translation>Ähnliche Ortsteile: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_similardistricts.py" line="137" />
        <source>Most similar to {0}: {1}</source>
        <translation>Am ähnlichsten zu {0}: {1}</translation>
    </message>
</context>
<context>
    <name>SocialIndexAlgorithm</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="137" />
        <source>Social index (status and dynamics)</source>
        <translation>Sozialindex (Status und Dynamik)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="140" />
        <source>Atlas</source>
        <translation>Atlas</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="146" />
        <source>Composite social index after the Berlin “Monitoring Soziale Stadtentwicklung” (MSS). With the default settings it reproduces the official MSS 2021 classification of all 536 planning areas.

Method: units with fewer inhabitants than the minimum population (default 300; exactly 300 is included), units on the exclusion list and units with a missing status value are left out and get no index and no class. For each status field z = (x − mean) / SD over the included units, with the population standard deviation (divisor n, as the MSS: the official z-values imply n = 536, not 535). z-values of fields where a higher value is better are negated; the z-values are summed and the sum is standardised again (mean 0, SD 1): that is the status index. Positive = lower status. The dynamics index applies the same steps to the change fields (e.g. percentage points over two years) of the units in the status index that have all change values. No rounding; a value exactly on a boundary goes to the class nearer the middle.

Polarity: one sign per status field, comma-separated, '+' = higher is worse (default), '-' = higher is better, e.g. '+,-,+'; the dynamics fields take the sign of the status field at the same position, or append one sign per dynamics field; or name them: 'field=-'.

Output fields: status_index (double), status_class (1 high status, 2 medium, 3 low, 4 very low; boundaries −1, +1, +1.5; NULL for excluded units), status_label (text), dynamics_index, dynamics_class (1 positive &lt; −1, 2 stable, 3 negative &gt; +1), dynamics_label, index_group (1–12 = (status − 1) × 3 + dynamics), index_group_code (MSS code such as '2+/-'), index_excluded (why a unit was left out), and z_&lt;field&gt; for each indicator.</source>
        <translation>Zusammengesetzter Sozialindex nach dem Berliner „Monitoring Soziale Stadtentwicklung“ (MSS). Mit den Standardeinstellungen reproduziert er die amtliche MSS-2021-Einstufung aller 536 Planungsräume.

Verfahren: Gebiete mit weniger Einwohnern als die Mindestbevölkerung (Standard 300; genau 300 zählt mit), Gebiete auf der Ausschlussliste und Gebiete mit fehlendem Statuswert bleiben unberücksichtigt und erhalten weder Index noch Klasse. Für jedes Statusfeld z = (x − Mittelwert) / Standardabweichung über die berücksichtigten Gebiete, mit der Standardabweichung der Grundgesamtheit (Divisor n wie im MSS: die amtlichen z-Werte ergeben n = 536, nicht 535). z-Werte von Feldern, bei denen ein höherer Wert günstiger ist, werden umgekehrt; die z-Werte werden summiert und die Summe erneut standardisiert (Mittelwert 0, Standardabweichung 1): das ist der Statusindex. Positiv = niedrigerer Status. Der Dynamikindex wendet dieselben Schritte auf die Veränderungsfelder (z. B. Prozentpunkte über zwei Jahre) der Gebiete im Statusindex an, die alle Veränderungswerte haben. Keine Rundung; ein Wert genau auf einer Grenze kommt in die Klasse näher an der Mitte.

Polung: ein Zeichen je Statusfeld, durch Kommas getrennt, '+' = höher ist ungünstiger (Standard), '-' = höher ist günstiger, z. B. '+,-,+'; die Dynamikfelder übernehmen das Zeichen des Statusfelds an gleicher Stelle, oder hängen Sie ein Zeichen je Dynamikfeld an; oder benennen Sie sie: 'feld=-'.

Ausgabefelder: status_index (Dezimalzahl), status_class (1 hoher Status, 2 mittel, 3 niedrig, 4 sehr niedrig; Grenzen −1, +1, +1,5; NULL für nicht berücksichtigte Gebiete), status_label (Text), dynamics_index, dynamics_class (1 positiv &lt; −1, 2 stabil, 3 negativ &gt; +1), dynamics_label, index_group (1–12 = (Status − 1) × 3 + Dynamik), index_group_code (MSS-Kürzel wie '2+/-'), index_excluded (warum ein Gebiet unberücksichtigt blieb) und z_&lt;feld&gt; für jeden Indikator.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="170" />
        <source>Units (layer or table)</source>
        <translation>Gebiete (Layer oder Tabelle)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="172" />
        <source>Status indicator fields</source>
        <translation>Statusindikator-Felder</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="175" />
        <source>Dynamics fields (change of each indicator, e.g. percentage points)</source>
        <translation>Dynamikfelder (Veränderung jedes Indikators, z. B. Prozentpunkte)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="178" />
        <source>Polarity per field ('+' higher is worse, '-' higher is better; e.g. +,-,+)</source>
        <translation>Polung je Feld ('+' höher ist ungünstiger, '-' höher ist günstiger; z. B. +,-,+)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="181" />
        <source>Population field</source>
        <translation>Einwohnerfeld</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="183" />
        <source>Minimum population (units below get no class)</source>
        <translation>Mindestbevölkerung (Gebiete darunter erhalten keine Klasse)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="187" />
        <source>Unit id field (for the exclusion list)</source>
        <translation>Schlüsselfeld der Gebiete (für die Ausschlussliste)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="189" />
        <source>Exclude units (ids, comma-separated; outliers)</source>
        <translation>Gebiete ausschließen (Schlüssel, durch Kommas getrennt; Ausreißer)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="191" />
        <source>Status class boundaries</source>
        <translation>Grenzen der Statusklassen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="193" />
        <source>Dynamics class boundaries</source>
        <translation>Grenzen der Dynamikklassen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="195" />
        <source>Standard deviation</source>
        <translation>Standardabweichung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="195" />
        <source>population (divisor n, as MSS)</source>
        <translation>Grundgesamtheit (Divisor n, wie MSS)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="195" />
        <source>sample (divisor n − 1)</source>
        <translation>Stichprobe (Divisor n − 1)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="202" />
        <source>Social index</source>
        <translation>Sozialindex</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="203" />
        <source>Units in the index</source>
        <translation>Gebiete im Index</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="206" />
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="206" />
        <source>medium</source>
        <translation>mittel</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="206" />
        <source>low</source>
        <translation>niedrig</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="206" />
        <source>very low</source>
        <translation>sehr niedrig</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="209" />
        <source>positive</source>
        <translation>positiv</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="209" />
        <source>stable</source>
        <translation>stabil</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="209" />
        <source>negative</source>
        <translation>negativ</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="222" />
        <source>Choose at least one status indicator field.</source>
        <translation>Wählen Sie mindestens ein Statusindikator-Feld.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="226" />
        <source>The layer “{0}” has no field “{1}”. Its fields are: {2}.</source>
        <translation>Der Layer „{0}“ hat kein Feld „{1}“. Seine Felder: {2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="235" />
        <source>Invalid parameter: {0}.</source>
        <translation>Ungültiger Parameter: {0}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="237" />
        <source>No population field: no unit is left out for a small population.</source>
        <translation>Kein Einwohnerfeld: Kein Gebiet wird wegen geringer Bevölkerung ausgelassen.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="243" />
        <source>The layer “{0}” has no features.</source>
        <translation>Der Layer „{0}“ enthält keine Objekte.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="252" />
        <source>The layer “{0}”, field “{1}”: duplicate ids {2}.</source>
        <translation>Layer „{0}“, Feld „{1}“: doppelte Schlüssel {2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="261" />
        <source>The layer “{0}”, field “{1}”: value “{2}” of unit {3} is not a number.</source>
        <translation>Layer „{0}“, Feld „{1}“: Der Wert „{2}“ von Gebiet {3} ist keine Zahl.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="268" />
        <source>The exclusion list needs the unit id field.</source>
        <translation>Die Ausschlussliste braucht das Schlüsselfeld der Gebiete.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="283" />
        <source>Social index of “{0}”: {1}</source>
        <translation>Sozialindex von „{0}“: {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="287" />
        <source>{0} of {1} units in the index; left out: {2}.</source>
        <translation>{0} von {1} Gebieten im Index; nicht berücksichtigt: {2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_socialindex.py" line="332" />
        <source>Status classes: {0}</source>
        <translation>Statusklassen: {0}</translation>
    </message>
</context>
<context>
    <name>StandardsEditor</name>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="165" />
        <source>empty = user-defined</source>
        <translation>leer = benutzerdefiniert</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="172" />
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="173" />
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="174" />
        <source>Import CSV…</source>
        <translation>CSV importieren…</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="175" />
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="201" />
        <source>Key of the facility type: lowercase letters, digits and _ (e.g. kita_u3)</source>
        <translation>Schlüssel der Einrichtungsart: Kleinbuchstaben, Ziffern und _ (z. B. kita_u3)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="202" />
        <source>German name</source>
        <translation>Deutscher Name</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="203" />
        <source>English name</source>
        <translation>Englischer Name</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="204" />
        <source>Age bands of the demand layer, with shares, joined by +: e.g. 2/3*pop_0_3 + pop_3_6. Bands: {0}</source>
        <translation>Altersgruppen der Nachfragepunkte, mit Anteilen, verbunden mit +: z. B. 2/3*pop_0_3 + pop_3_6. Altersgruppen: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="206" />
        <source>Number &gt; 0 in the standard unit; empty = user-defined (set it before computing coverage)</source>
        <translation>Zahl &gt; 0 in der Richtwerteinheit; leer = benutzerdefiniert (vor der Berechnung der Bedarfsdeckung setzen)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="208" />
        <source>places_per_100, places_per_1000 (per persons of the target group) or m2_per_inhabitant</source>
        <translation>places_per_100, places_per_1000 (je Personen der Zielgruppe) oder m2_per_inhabitant</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="210" />
        <source>Catchment: number &gt; 0 in the catchment unit</source>
        <translation>Einzugsbereich: Zahl &gt; 0 in der Einheit des Einzugsbereichs</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="211" />
        <source>m (metres) or min (minutes)</source>
        <translation>m (Meter) oder min (Minuten)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="212" />
        <source>Distance decay for E2SFCA: none, step, linear, gaussian, or e.g. step(300:1, 600:0.6, 1000:0.2), gaussian(w_d0=0.05)</source>
        <translation>Distanzabnahme für E2SFCA: none, step, linear, gaussian oder z. B. step(300:1, 600:0.6, 1000:0.2), gaussian(w_d0=0.05)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="214" />
        <source>Where the value comes from</source>
        <translation>Woher der Wert stammt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="215" />
        <source>Caveats; shipped defaults say “verify locally”</source>
        <translation>Hinweise; mitgelieferte Vorgaben sagen „vor Ort prüfen“</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="260" />
        <source>id '{0}' is used in rows {1}.</source>
        <translation>Die ID „{0}“ kommt in den Zeilen {1} vor.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="268" />
        <source>Row {0} ({1}), column {2}: {3}</source>
        <translation>Zeile {0} ({1}), Spalte {2}: {3}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="284" />
        <source>… and {0} more (see the red cells).</source>
        <translation>… und {0} weitere (siehe die roten Zellen).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="285" />
        <source>Not saved – fix the table first:</source>
        <translation>Nicht gespeichert – bitte zuerst die Tabelle korrigieren:</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="330" />
        <source>New standard</source>
        <translation>Neuer Richtwert</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="358" />
        <source>Import standards</source>
        <translation>Richtwerte importieren</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="376" />
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="365" />
        <source>Not imported: {0}</source>
        <translation>Nicht importiert: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="376" />
        <source>Export standards</source>
        <translation>Richtwerte exportieren</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="383" />
        <source>Not exported: {0}</source>
        <translation>Nicht exportiert: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/standards_editor.py" line="385" />
        <source>Exported to {0}.</source>
        <translation>Exportiert nach {0}.</translation>
    </message>
</context>
<context>
    <name>StandardsTable</name>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="145" />
        <source>{0} standards, saved in the project.</source>
        <translation>{0} Richtwerte, im Projekt gespeichert.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="164" />
        <source>{0} standards from the project.</source>
        <translation>{0} Richtwerte aus dem Projekt.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="125" />
        <source>The catalogue of this project, saved in the project file. New projects start from your default catalogue (Settings ▸ Options ▸ ISRP ▸ Standards).</source>
        <translation>Der Katalog dieses Projekts, in der Projektdatei gespeichert. Neue Projekte beginnen mit Ihrem Standardkatalog (Einstellungen ▸ Optionen ▸ ISRP ▸ Richtwerte).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="125" />
        <source>Reset to my defaults</source>
        <translation>Auf meine Vorgaben zurücksetzen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="125" />
        <source>Replace this project's standards with your default catalogue (Settings ▸ Options ▸ ISRP ▸ Standards)</source>
        <translation>Die Richtwerte dieses Projekts durch Ihren Standardkatalog ersetzen (Einstellungen ▸ Optionen ▸ ISRP ▸ Richtwerte)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/coverage_tab.py" line="166" />
        <source>{0} standards from your default catalogue (verify locally); edits are saved in the project.</source>
        <translation>{0} Richtwerte aus Ihrem Standardkatalog (vor Ort prüfen); Änderungen werden im Projekt gespeichert.</translation>
    </message>
</context>
<context>
    <name>Suggestions</name>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="76" />
        <source>Layer “{0}” is not an output of “Location suggestions”.</source>
        <translation>Layer „{0}“ ist kein Ergebnis von „Standortvorschläge“.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="92" />
        <source>New Kita (suggestion {0})</source>
        <translation>Neue Kita (Vorschlag {0})</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="94" />
        <source>New facility: {0} (suggestion {1})</source>
        <translation>Neue Einrichtung: {0} (Vorschlag {1})</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="107" />
        <source>Suggested by the location analysis (rank {0}).</source>
        <translation>Vorgeschlagen von der Standortanalyse (Rang {0}).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="111" />
        <source>Newly covered population within the catchment: {0:,.0f}.</source>
        <translation>Neu versorgte Bevölkerung im Einzugsbereich: {0:,.0f}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="115" />
        <source>Solution: {0}.</source>
        <translation>Lösung: {0}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/gui/suggestions.py" line="135" />
        <source>Unknown facility type “{0}” (known: {1}).</source>
        <translation>Unbekannte Einrichtungsart „{0}“ (bekannt: {1}).</translation>
    </message>
</context>
<context>
    <name>SuppressAlgorithm</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="111" />
        <source>Apply statistical confidentiality</source>
        <translation>Statistische Geheimhaltung anwenden</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="114" />
        <source>Atlas</source>
        <translation>Atlas</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="143" />
        <source>Units (layer or table)</source>
        <translation>Gebiete (Layer oder Tabelle)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="145" />
        <source>Count fields</source>
        <translation>Fallzahlfelder</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="148" />
        <source>Rate fields</source>
        <translation>Quotenfelder</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="151" />
        <source>Rate definitions (rate=numerator/denominator; …; empty: catalogue)</source>
        <translation>Quotendefinitionen (quote=zähler/nenner; …; leer: Katalog)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="154" />
        <source>Suppress counts below</source>
        <translation>Fallzahlen sperren unter</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="157" />
        <source>Column totals (city totals) are published: secondary suppression</source>
        <translation>Spaltensummen (Gesamtstadt) werden veröffentlicht: sekundäre Sperrung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="160" />
        <source>Row total field (the count fields are its parts)</source>
        <translation>Zeilensummenfeld (die Fallzahlfelder sind seine Teile)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="163" />
        <source>Population field (flags small units)</source>
        <translation>Einwohnerfeld (kennzeichnet kleine Gebiete)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="166" />
        <source>Minimum population</source>
        <translation>Mindestbevölkerung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="169" />
        <source>Suppress all values of small units</source>
        <translation>Alle Werte kleiner Gebiete sperren</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="175" />
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="175" />
        <source>numeric fields with NULL plus text fields &lt;field&gt;_txt with '.'</source>
        <translation>Zahlenfelder mit NULL und Textfelder &lt;feld&gt;_txt mit '.'</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="175" />
        <source>text fields only ('.' in place of the value)</source>
        <translation>nur Textfelder ('.' statt des Werts)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="179" />
        <source>Decimals in the text of rates</source>
        <translation>Nachkommastellen im Text von Quoten</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="179" />
        <source>Decimal separator in the text</source>
        <translation>Dezimaltrennzeichen im Text</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="179" />
        <source>point</source>
        <translation>Punkt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="179" />
        <source>comma</source>
        <translation>Komma</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="187" />
        <source>Protected</source>
        <translation>Geschützt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="188" />
        <source>Primary suppressions</source>
        <translation>Primäre Sperrungen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="189" />
        <source>Secondary suppressions</source>
        <translation>Sekundäre Sperrungen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="190" />
        <source>Suppressed rates</source>
        <translation>Gesperrte Quoten</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="191" />
        <source>Small units</source>
        <translation>Kleine Gebiete</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="199" />
        <source>Project indicator definitions ignored: {0}</source>
        <translation>Indikatordefinitionen des Projekts ignoriert: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="219" />
        <source>Choose at least one count or rate field.</source>
        <translation>Wählen Sie mindestens ein Fallzahl- oder Quotenfeld.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="222" />
        <source>The layer “{0}” has no field “{1}”. Its fields are: {2}.</source>
        <translation>Der Layer „{0}“ hat kein Feld „{1}“. Seine Felder: {2}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="229" />
        <source>Invalid parameter: {0}.</source>
        <translation>Ungültiger Parameter: {0}.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="235" />
        <source>Rate field “{0}”: numerator and denominator unknown. Give them as '{0}=numerator/denominator' in the rate definitions (the catalogue knows no such rate, or its count fields are not in the layer).</source>
        <translation>Quotenfeld „{0}“: Zähler und Nenner unbekannt. Geben Sie sie als '{0}=zähler/nenner' in den Quotendefinitionen an (der Katalog kennt diese Quote nicht, oder ihre Fallzahlfelder fehlen im Layer).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="241" />
        <source>Rate field “{0}”: the layer has no field “{1}”.</source>
        <translation>Quotenfeld „{0}“: Der Layer hat kein Feld „{1}“.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="268" />
        <source>Confidentiality: {0}</source>
        <translation>Geheimhaltung: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="120" />
        <source>Protects small numbers before a table or map leaves the machine. The input stays unchanged.

Primary suppression: counts with 0 &lt; value &lt; threshold (default from the ISRP settings, 3: counts of 1 and 2); 0 is shown. Rates: suppressed when their numerator or denominator is 0 &lt; value &lt; threshold or is itself suppressed. Numerator and denominator come from the rate definitions ('rate=numerator/denominator') or from the indicator catalogue by field name (sgb2_rate_2022 → sgb2_recipients_2022 / pop_0_65_2022).

Secondary suppression: if the column totals (the city total of each count field) are published, or a row total field is given (the count fields are its parts, e.g. age bands of the population), a single suppressed cell could be recovered by subtraction; one more cell of that row or column is then suppressed (the smallest non-zero one).

Cells the statistics office already suppressed ('.' in the table, NULL in the layer) are, by default, treated like primary suppressions, so that they cannot be recovered from the totals either (offices often publish primary suppression only).

Small units: units with fewer inhabitants than the minimum population (default 300) get small_unit = 1; optionally all their values are suppressed.

Output: a copy of the layer in which suppressed numeric values are NULL and each chosen field has a text field &lt;field&gt;_txt showing '.' for suppressed cells (or, in text mode, the chosen fields themselves become text); suppressed_cells counts the suppressed cells of each unit.</source>
        <translation>Schützt kleine Zahlen, bevor eine Tabelle oder Karte den Rechner verlässt. Die Eingabe bleibt unverändert.

Primäre Sperrung: Fallzahlen mit 0 &lt; Wert &lt; Schwelle (Standard aus den ISRP-Einstellungen, 3: Fallzahlen 1 und 2); 0 wird gezeigt. Quoten: gesperrt, wenn ihr Zähler oder Nenner 0 &lt; Wert &lt; Schwelle ist oder selbst gesperrt ist. Zähler und Nenner kommen aus den Quotendefinitionen ('quote=zähler/nenner') oder aus dem Indikatorenkatalog anhand des Feldnamens (sgb2_rate_2022 → sgb2_recipients_2022 / pop_0_65_2022).

Sekundäre Sperrung: Werden die Spaltensummen (die Gesamtstadt jeder Fallzahl) veröffentlicht oder ist ein Zeilensummenfeld angegeben (die Fallzahlfelder sind seine Teile, z. B. Altersgruppen der Bevölkerung), ließe sich eine einzelne gesperrte Zelle durch Subtraktion zurückrechnen; dann wird eine weitere Zelle dieser Zeile oder Spalte gesperrt (die kleinste von null verschiedene).

Zellen, die die Statistikstelle schon gesperrt hat ('.' in der Tabelle, NULL im Layer), werden standardmäßig wie primäre Sperrungen behandelt, damit auch sie nicht aus den Summen zurückgerechnet werden können (Statistikstellen veröffentlichen oft nur die primäre Sperrung).

Kleine Gebiete: Gebiete mit weniger Einwohnern als die Mindestbevölkerung (Standard 300) erhalten small_unit = 1; auf Wunsch werden alle ihre Werte gesperrt.

Ausgabe: eine Kopie des Layers, in der gesperrte Zahlenwerte NULL sind und jedes gewählte Feld ein Textfeld &lt;feld&gt;_txt hat, das für gesperrte Zellen '.' zeigt (oder im Textmodus werden die gewählten Felder selbst zu Text); suppressed_cells zählt die gesperrten Zellen je Gebiet.</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="171" />
        <source>NULL counts were suppressed by the statistics office ('.'): protect them</source>
        <translation>NULL-Fallzahlen hat die Statistikstelle gesperrt ('.'): schützen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="192" />
        <source>Counts suppressed in the source</source>
        <translation>In der Quelle gesperrte Fallzahlen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_suppress.py" line="332" />
        <source>{0} primary and {1} secondary suppressions of counts, {2} suppressed rates, {3} small units (threshold {4}); {5} counts were suppressed in the source.</source>
        <translation>{0} primäre und {1} sekundäre Sperrungen von Fallzahlen, {2} gesperrte Quoten, {3} kleine Gebiete (Schwelle {4}); {5} Fallzahlen waren in der Quelle gesperrt.</translation>
    </message>
</context>
</TS>