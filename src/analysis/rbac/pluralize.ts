/**
 * English plurals the way kubebuilder and operator-sdk derive a resource name from a kind: the kind
 * lower-cased and run through gobuffalo/flect's rules. Reimplemented here from flect's documented
 * behaviour: whole-word irregulars first, then suffix rules in priority order (a word that already
 * ends in a rule's plural suffix is left alone), then `s` unless the word already ends in `s`.
 */

/** Whole words with irregular plurals; their plurals are left unchanged too. */
const IRREGULAR: Readonly<Record<string, string>> = {
  aircraft: 'aircraft', alias: 'aliases', alumna: 'alumnae', alumnus: 'alumni', analysis: 'analyses',
  antenna: 'antennas', antithesis: 'antitheses', apex: 'apexes', appendix: 'appendices', axis: 'axes',
  bacillus: 'bacilli', bacterium: 'bacteria', basis: 'bases', beau: 'beaus', bison: 'bison',
  bureau: 'bureaus', bus: 'buses', campus: 'campuses', codex: 'codices', concerto: 'concertos',
  corpus: 'corpora', crisis: 'crises', curriculum: 'curriculums', datum: 'data', dear: 'dear',
  deer: 'deer', diagnosis: 'diagnoses', die: 'dice', dwarf: 'dwarves', ellipsis: 'ellipses',
  equipment: 'equipment', erratum: 'errata', fez: 'fezzes', fish: 'fish', focus: 'foci', foo: 'foos',
  foot: 'feet', formula: 'formulas', fungus: 'fungi', genus: 'genera', goose: 'geese',
  graffito: 'graffiti', grouse: 'grouse', half: 'halves', halo: 'halos', hoof: 'hooves', human: 'humans',
  hypothesis: 'hypotheses', index: 'indices', information: 'information', jeans: 'jeans', larva: 'larvae',
  libretto: 'librettos', loaf: 'loaves', locus: 'loci', louse: 'lice', matrix: 'matrices',
  minutia: 'minutiae', money: 'money', moose: 'moose', mouse: 'mice', nebula: 'nebulae', news: 'news',
  nucleus: 'nuclei', oasis: 'oases', octopus: 'octopi', offspring: 'offspring', opus: 'opera',
  ovum: 'ova', ox: 'oxen', parenthesis: 'parentheses', phenomenon: 'phenomena', photo: 'photos',
  phylum: 'phyla', piano: 'pianos', police: 'police', prognosis: 'prognoses', quiz: 'quizzes',
  radius: 'radiuses', referendum: 'referendums', ress: 'resses', rice: 'rice', salmon: 'salmon',
  series: 'series', sheep: 'sheep', shoe: 'shoes', shrimp: 'shrimp', species: 'species',
  stimulus: 'stimuli', stratum: 'strata', swine: 'swine', syllabus: 'syllabi', symposium: 'symposiums',
  synopsis: 'synopses', tableau: 'tableaus', testis: 'testes', thesis: 'theses', thief: 'thieves',
  tooth: 'teeth', trout: 'trout', tuna: 'tuna', vertebra: 'vertebrae', vertix: 'vertices', vita: 'vitae',
  vortex: 'vortices', wharf: 'wharves', wife: 'wives', wolf: 'wolves',
};

const KNOWN_PLURALS = new Set(Object.values(IRREGULAR));

/** Suffix rules, highest priority first: [singular suffix, plural suffix]. */
const SUFFIXES: readonly (readonly [string, string])[] = [
  ['campus', 'campuses'], ['man', 'men'], ['tz', 'tzes'], ['alias', 'aliases'], ['oasis', 'oasis'],
  ['wife', 'wives'], ['basis', 'basis'], ['atum', 'ata'], ['adium', 'adia'], ['actus', 'acti'],
  ['irus', 'iri'], ['iterion', 'iteria'], ['dium', 'diums'], ['ovum', 'ova'], ['ize', 'izes'],
  ['dge', 'dges'], ['focus', 'foci'], ['child', 'children'], ['oaf', 'oaves'], ['randum', 'randa'],
  ['base', 'bases'], ['atus', 'atuses'], ['ode', 'odes'], ['person', 'people'], ['hello', 'hellos'],
  ['va', 'vae'], ['leus', 'li'], ['oot', 'eet'], ['oose', 'eese'], ['box', 'boxes'], ['ium', 'ia'],
  ['sis', 'ses'], ['nna', 'nnas'], ['eses', 'esis'], ['stis', 'stes'], ['ex', 'ices'], ['ula', 'ulae'],
  ['isis', 'ises'], ['use', 'uses'], ['lf', 'lves'], ['rf', 'rves'],
  ...[...'abcdefghijklmnopqrstuvwxyz'].map((c) => [`${c}fe`, `${c}ves`] as const),
  ['hive', 'hives'], ['quy', 'quies'],
  ...[...'bcdfghjklmnpqrstvwxz'].map((c) => [`${c}y`, `${c}ies`] as const),
  ['x', 'xes'], ['ch', 'ches'], ['ss', 'sses'], ['sh', 'shes'], ['oe', 'oes'], ['io', 'ios'], ['o', 'oes'],
];

/** Acronyms that take a plain `s` (or `es` after a final s), as flect treats them. */
const ACRONYMS = new Set(
  ('OK UTF8 HTML JSON JWT ID UUID SQL ACK ACL ADSL AES ANSI API ARP ATM BGP BSS CCITT CHAP CIDR CIR CLI CPE CPU ' +
    'CRC CRT CSMA CMOS DCE DEC DES DHCP DNS DRAM DSL DSLAM DTE DMI EHA EIA EIGRP EOF ESS FCC FCS FDDI FTP GBIC ' +
    'GEPOF HDLC HTTP HTTPS IANA ICMP IDF IDS IEEE IETF IMAP IP IPS ISDN ISP LACP LAN LAPB LAPF LLC MAC MC MDF MIB ' +
    'MPLS MTU NAC NAT NBMA NIC NRZ NRZI NVRAM OIDC OSI OSPF OUI PAP PAT PC PIM PCM PDU POP3 POTS PPP PPTP PTT ' +
    'PVST RAM RARP RFC RIP RLL ROM RSTP RTP RCP SDLC SFD SFP SLARP SLIP SMTP SNA SNAP SNMP SOF SRAM SSH SSID ' +
    'STP SYN TDM TFTP TIA TOFU UDP URL URI USB UTP VC VLAN VLSM VPN W3C WAN WEP WPA WWW').split(' '),
);

/** English plural of a kind the way operator-sdk/kubebuilder pluralise (Memcached→memcacheds, Policy→policies). */
export function pluralize(kind: string): string {
  const word = kind.toLowerCase();
  if (word === '') return '';
  if (ACRONYMS.has(word.toUpperCase())) return word + (word.endsWith('s') ? 'es' : 's');
  if (KNOWN_PLURALS.has(word)) return word;
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return irregular;
  for (const [singular, plural] of SUFFIXES) {
    if (word.endsWith(singular)) return word.slice(0, word.length - singular.length) + plural;
    if (word.endsWith(plural)) return word;
  }
  return word.endsWith('s') ? word : `${word}s`;
}
