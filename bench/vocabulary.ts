/**
 * Words per language, enough for texts that read like posts, for hashtags in each script and for
 * search terms that match. `spaced: false` marks scripts written without spaces between words.
 */
export interface Language {
  readonly code: string;
  /** Share of threads written in it. */
  readonly weight: number;
  readonly spaced: boolean;
  readonly words: readonly string[];
}

export const LANGUAGES: readonly Language[] = [
  {
    code: 'en', weight: 38, spaced: true,
    words: ['the', 'people', 'report', 'camp', 'government', 'border', 'water', 'election', 'climate', 'workers', 'history',
      'thread', 'sources', 'village', 'satellite', 'images', 'policy', 'market', 'protest', 'court', 'families', 'river',
      'school', 'language', 'archive', 'witness', 'data', 'open', 'city', 'night', 'energy', 'prices', 'farmers', 'law'],
  },
  {
    code: 'fr', weight: 10, spaced: true,
    words: ['les', 'ouïghours', 'rapport', 'gouvernement', 'frontière', 'élection', 'travailleurs', 'histoire', 'fil',
      'témoignage', 'village', 'images', 'politique', 'marché', 'manifestation', 'tribunal', 'familles', 'rivière',
      'école', 'langue', 'archives', 'données', 'ville', 'énergie', 'prix', 'agriculteurs', 'loi', 'été', 'grève'],
  },
  {
    code: 'de', weight: 8, spaced: true,
    words: ['die', 'regierung', 'grenze', 'wahl', 'arbeiter', 'geschichte', 'quellen', 'dorf', 'bilder', 'politik',
      'markt', 'gericht', 'familien', 'fluss', 'schule', 'sprache', 'archiv', 'zeugen', 'daten', 'stadt', 'nacht',
      'energie', 'preise', 'bauern', 'gesetz', 'straße', 'bündnis', 'über', 'klimaschutz', 'öffentlich'],
  },
  {
    code: 'es', weight: 9, spaced: true,
    words: ['los', 'gobierno', 'frontera', 'elección', 'trabajadores', 'historia', 'hilo', 'fuentes', 'pueblo',
      'imágenes', 'política', 'mercado', 'protesta', 'tribunal', 'familias', 'río', 'escuela', 'idioma', 'archivo',
      'testigo', 'datos', 'ciudad', 'noche', 'energía', 'precios', 'campesinos', 'ley', 'economía', 'niños'],
  },
  {
    code: 'ru', weight: 8, spaced: true,
    words: ['люди', 'доклад', 'лагерь', 'правительство', 'граница', 'выборы', 'климат', 'рабочие', 'история', 'тред',
      'источники', 'деревня', 'снимки', 'политика', 'рынок', 'протест', 'суд', 'семьи', 'река', 'школа', 'язык',
      'архив', 'свидетель', 'данные', 'город', 'ночь', 'энергия', 'цены', 'закон', 'украина'],
  },
  {
    code: 'zh', weight: 9, spaced: false,
    words: ['新疆', '报告', '政府', '边境', '选举', '气候', '工人', '历史', '来源', '村庄', '卫星', '图片', '政策', '市场',
      '抗议', '法院', '家庭', '河流', '学校', '语言', '档案', '证人', '数据', '城市', '夜晚', '能源', '价格', '农民', '法律', '可可托海'],
  },
  {
    code: 'ja', weight: 6, spaced: false,
    words: ['東京', 'ニュース', '政府', '選挙', '気候', '労働者', '歴史', 'スレッド', '情報', '村', '写真', '政策', '市場',
      'デモ', '裁判所', '家族', '川', '学校', '言語', 'アーカイブ', 'データ', '都市', '夜', 'エネルギー', '価格', '法律'],
  },
  {
    code: 'ar', weight: 6, spaced: true,
    words: ['الناس', 'تقرير', 'الحكومة', 'الحدود', 'الانتخابات', 'المناخ', 'العمال', 'التاريخ', 'مصادر', 'القرية',
      'صور', 'السياسة', 'السوق', 'احتجاج', 'المحكمة', 'العائلات', 'النهر', 'المدرسة', 'اللغة', 'الأرشيف', 'شاهد',
      'بيانات', 'المدينة', 'الليل', 'الطاقة', 'الأسعار', 'القانون', 'غزة'],
  },
  {
    code: 'ko', weight: 4, spaced: true,
    words: ['사람들', '보고서', '정부', '국경', '선거', '기후', '노동자', '역사', '스레드', '출처', '마을', '위성', '사진',
      '정책', '시장', '시위', '법원', '가족', '강', '학교', '언어', '기록', '증인', '데이터', '도시', '밤', '에너지', '한국'],
  },
  {
    code: 'tr', weight: 2, spaced: true,
    words: ['insanlar', 'rapor', 'hükümet', 'sınır', 'seçim', 'iklim', 'işçiler', 'tarih', 'kaynaklar', 'köy', 'görüntüler',
      'politika', 'pazar', 'protesto', 'mahkeme', 'aileler', 'nehir', 'okul', 'dil', 'arşiv', 'tanık', 'veri', 'şehir',
      'gece', 'enerji', 'fiyatlar', 'çiftçiler', 'yasa', 'istanbul'],
  },
];

/** The most used hashtags, as the seed's topics suggest; the long tail is generated after them. */
export const HEAD_TAGS: readonly string[] = [
  'xinjiang', 'china', 'uyghur', 'ouïghours', '新疆', 'climate', 'ukraine', 'україна', 'gaza', 'ai', 'opensource',
  'élections', 'bundestag', 'economía', 'россия', '東京', '한국', 'غزة', 'istanbul', 'humanrights', 'osint', '可可托海',
];
