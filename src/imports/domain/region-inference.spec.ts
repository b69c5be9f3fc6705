import { describe, expect, it } from '@jest/globals';
import { GAZETTEER } from './gazetteer/gazetteer-data.js';
import { REGION_INFERENCE_COUNTRIES, inferRegion, type RegionInput } from './region-inference.js';

const sut = inferRegion;

function makeInput(overrides: Partial<RegionInput> = {}): RegionInput {
  return { country: 'CN', ...overrides };
}

/** The ISO code inferred from an address alone, or undefined. */
function codeOf(country: string, address: string): string | undefined {
  return sut(makeInput({ country, address }))?.code;
}

describe(inferRegion.name, () => {
  describe('Xinjiang prefectures and cities, in every spelling', () => {
    it.each([
      ['Urumqi', 'Urumqi'],
      ['Ürümqi with diacritics', 'Ürümqi'],
      ['Urumchi (postal)', 'Urumchi'],
      ['Wulumuqi (pinyin)', 'Wulumuqi'],
      ['Wūlǔmùqí (pinyin with tone marks)', 'Wūlǔmùqí'],
      ['Wu Lu Mu Qi (pinyin with spaces)', 'Wu Lu Mu Qi'],
      ['乌鲁木齐 (simplified)', '乌鲁木齐'],
      ['乌鲁木齐市 (with suffix)', '乌鲁木齐市'],
      ['烏魯木齊 (traditional)', '烏魯木齊'],
      ['Urumqi City', 'Urumqi City'],
      ['Kashgar', 'Kashgar'],
      ['Kashi', 'Kashi'],
      ['Kashi Diqu', 'Kashi Diqu'],
      ['喀什', '喀什'],
      ['喀什地区', '喀什地区'],
      ['喀什地區 (traditional)', '喀什地區'],
      ['Hotan', 'Hotan'],
      ['Hetian', 'Hetian'],
      ['Khotan', 'Khotan'],
      ['Hotan Prefecture', 'Hotan Prefecture'],
      ['和田', '和田'],
      ['和田地区', '和田地区'],
      ['Aksu', 'Aksu'],
      ['阿克苏地区', '阿克苏地区'],
      ['Korla', 'Korla'],
      ['Kuerle (pinyin)', 'Kuerle'],
      ['库尔勒市', '库尔勒市'],
      ['Shihezi', 'Shihezi'],
      ['石河子', '石河子'],
      ['Turpan', 'Turpan'],
      ['Turfan', 'Turfan'],
      ['Tulufan (pinyin)', 'Tulufan'],
      ['吐鲁番', '吐鲁番'],
      ['Hami', 'Hami'],
      ['哈密市', '哈密市'],
      ['Karamay', 'Karamay'],
      ['Kelamayi (pinyin)', 'Kelamayi'],
      ['克拉玛依', '克拉玛依'],
      ['Yining', 'Yining'],
      ['Ghulja', 'Ghulja'],
      ['伊宁市', '伊宁市'],
      ['Ili Kazakh Autonomous Prefecture', 'Ili Kazakh Autonomous Prefecture'],
      ['伊犁州', '伊犁州'],
      ['Changji', 'Changji'],
      ['Changji Hui Autonomous Prefecture', 'Changji Hui Autonomous Prefecture'],
      ['昌吉回族自治州', '昌吉回族自治州'],
      ['昌吉州 (short suffix)', '昌吉州'],
      ['Bortala', 'Bortala'],
      ['Bole', 'Bole'],
      ['博尔塔拉蒙古自治州', '博尔塔拉蒙古自治州'],
      ['Bayingolin', 'Bayingolin'],
      ['Kizilsu', 'Kizilsu'],
      ['Altay', 'Altay'],
      ['Tacheng', 'Tacheng'],
      ['Kuqa', 'Kuqa'],
      ['Yarkand', 'Yarkand'],
      ['Khorgos', 'Khorgos'],
      ['霍尔果斯市', '霍尔果斯市'],
      ['Kuytun', 'Kuytun'],
      ['Aral', 'Aral'],
      ['木垒县 (a short county name needs its suffix)', '木垒县'],
      ['鄯善县', '鄯善县'],
      ['察布查尔 (four characters stand alone)', '察布查尔'],
    ])('%s is in Xinjiang', (_scenario, address) => {
      expect(sut(makeInput({ address }))).toEqual({
        region: 'Xinjiang',
        code: 'CN-XJ',
        from: 'address',
        matched: address,
      });
    });

    it.each([
      ['Xinjiang', 'Xinjiang'],
      ['XUAR', 'XUAR'],
      ['Sinkiang', 'Sinkiang'],
      ['Xinjiang Uyghur Autonomous Region', 'Xinjiang Uyghur Autonomous Region'],
      ['Xinjiang Uygur Zizhiqu (ISO)', 'Xinjiang Uygur Zizhiqu'],
      ['新疆', '新疆'],
      ['新疆维吾尔自治区', '新疆维吾尔自治区'],
      ['新疆維吾爾自治區 (traditional)', '新疆維吾爾自治區'],
    ])('the region itself: %s', (_scenario, address) => {
      expect(sut(makeInput({ address }))?.code).toBe('CN-XJ');
    });

    it('reads a full Xinjiang address and shows the strongest piece of evidence', () => {
      expect(
        sut(makeInput({ address: 'No. 8 Industrial Park, Kashgar, Xinjiang Uyghur Autonomous Region' })),
      ).toEqual({
        region: 'Xinjiang',
        code: 'CN-XJ',
        from: 'address',
        matched: 'Xinjiang Uyghur Autonomous Region',
      });
      expect(sut(makeInput({ address: '新疆维吾尔自治区乌鲁木齐市经济技术开发区卫星路88号' }))).toMatchObject(
        {
          code: 'CN-XJ',
          matched: '新疆维吾尔自治区',
        },
      );
    });
  });

  describe('street names are not places', () => {
    it.each([
      ['Xinjiang Road, Qingdao, Shandong', 'CN-SD'],
      ['88 Urumqi Road, Shanghai', 'CN-SH'],
      ['88 Urumqi N. Rd, Shanghai', 'CN-SH'],
      ['Urumqi Middle Road, Jing’an District, Shanghai', 'CN-SH'],
      ['Kashgar Street 5, Guangzhou, Guangdong', 'CN-GD'],
      ['Hami Lu 12, Tianjin', 'CN-TJ'],
      ['上海市乌鲁木齐中路100号', 'CN-SH'],
      ['山东省青岛市市南区新疆路8号', 'CN-SD'],
      ['青岛新疆路', 'CN-SD'],
      ['Shanghai Road, Urumqi', 'CN-XJ'],
      ['北京南路, 乌鲁木齐', 'CN-XJ'],
      ['Delhi Road, Meerut', 'IN-UP'],
    ])('%s', (address, code) => {
      expect(codeOf(address.startsWith('Delhi') ? 'IN' : 'CN', address)).toBe(code);
    });

    it.each([
      ['新疆路 alone', '新疆路'],
      ['Xinjiang Road alone', '18 Xinjiang Road'],
      ['Urumqi Rd. alone', 'Urumqi Rd.'],
      ['乌鲁木齐北路 alone', '乌鲁木齐北路'],
      ['a Vietnamese street named after a province', 'Đường Bình Dương'],
    ])('%s gives nothing', (_scenario, address) => {
      expect(codeOf(address.includes('Đường') ? 'VN' : 'CN', address)).toBeUndefined();
    });
  });

  describe('word boundaries', () => {
    it.each([
      ['Hami inside Shamim', 'Shamim Garments Ltd'],
      ['Aksu inside Aksungur', 'Aksungur Trading'],
      ['Kashi inside Kashif', 'Kashif Textiles'],
      ['Hotan inside Photan', 'Photan Ltd'],
    ])('%s does not match', (_scenario, address) => {
      expect(codeOf('CN', address)).toBeUndefined();
    });

    it('a two-character county name without its suffix is an ordinary word in Chinese', () => {
      expect(codeOf('CN', '新星电子厂')).toBeUndefined();
      expect(codeOf('CN', '温泉酒店')).toBeUndefined();
      expect(codeOf('CN', '温泉县')).toBe('CN-XJ');
    });

    it('forward maximum matching splits run-on Chinese the way a reader does', () => {
      expect(codeOf('CN', '江西南昌')).toBe('CN-JX');
      expect(codeOf('CN', '珠海南屏')).toBe('CN-GD');
    });
  });

  describe('precedence', () => {
    it('coordinates beat the text: Urumqi coordinates with a Shanghai address are Xinjiang', () => {
      expect(
        sut(
          makeInput({
            address: '1 Century Avenue, Shanghai',
            city: 'Shanghai',
            latitude: 43.8,
            longitude: 87.6,
          }),
        ),
      ).toEqual({ region: 'Xinjiang', code: 'CN-XJ', from: 'coordinates', matched: '43.8, 87.6' });
    });

    it.each([
      ['Kashgar', 39.47, 75.99, 'CN-XJ'],
      ['Shanghai', 31.23, 121.47, 'CN-SH'],
      ['Dongguan', 23.02, 113.75, 'CN-GD'],
      ['Tiruppur', 11.11, 77.34, 'IN-TN'],
      ['Thu Dau Mot', 10.98, 106.65, 'VN-57'],
      ['Gazipur', 24.0, 90.42, 'BD-C'],
      ['Sialkot', 32.49, 74.53, 'PK-PB'],
    ])('coordinates of %s', (_city, latitude, longitude, code) => {
      const country = code.slice(0, 2);
      expect(sut(makeInput({ country, latitude, longitude }))).toMatchObject({ code, from: 'coordinates' });
    });

    it('coordinates far from any known place fall back to the text', () => {
      // The middle of the Taklamakan desert.
      expect(sut(makeInput({ latitude: 39.0, longitude: 83.5, address: 'Guangzhou' }))).toMatchObject({
        code: 'CN-GD',
        from: 'address',
      });
    });

    it.each([
      ['not a number', Number.NaN, 87.6],
      ['out of range', 143.8, 87.6],
      ['null island', 0, 0],
      ['only one of the two', 43.8, undefined],
    ])('coordinates that are %s are ignored', (_scenario, latitude, longitude) => {
      expect(sut(makeInput({ latitude, longitude, address: 'Guangzhou' }))).toMatchObject({
        from: 'address',
      });
    });

    it('the city field beats the address', () => {
      expect(sut(makeInput({ city: 'Urumqi', address: '8 Shanghai Road, Guangzhou' }))).toEqual({
        region: 'Xinjiang',
        code: 'CN-XJ',
        from: 'city',
        matched: 'Urumqi',
      });
    });

    it('an ambiguous city is narrowed by the address', () => {
      // Suzhou is in Jiangsu (苏州) and in Anhui (宿州); Kunshan only in Jiangsu.
      expect(sut(makeInput({ city: 'Suzhou', address: 'Kunshan Industrial Park' }))).toMatchObject({
        code: 'CN-JS',
        from: 'address',
        matched: 'Kunshan',
      });
      expect(sut(makeInput({ city: 'Suzhou', address: 'Room 5, Guangdong' }))).toBeUndefined();
    });

    it('a province named with its level beats a bare province name', () => {
      expect(codeOf('CN', 'Xinjiang Cotton Trading, Dongguan, Guangdong Province')).toBe('CN-GD');
      expect(codeOf('CN', '新疆棉纺织有限公司, 广东省东莞市')).toBe('CN-GD');
    });

    it('a province named as such beats a city of another province', () => {
      expect(codeOf('CN', 'Urumqi, Xinjiang')).toBe('CN-XJ');
      expect(codeOf('CN', 'Guangzhou office, Xinjiang')).toBe('CN-XJ');
    });

    it('a city breaks a tie between two bare province names', () => {
      expect(codeOf('CN', 'Xinjiang Cotton, Guangzhou, Guangdong')).toBe('CN-GD');
    });
  });

  describe('ambiguity is never guessed', () => {
    it.each([
      ['Suzhou (Jiangsu and Anhui)', 'Suzhou'],
      ['Taizhou (泰州 Jiangsu and 台州 Zhejiang)', 'Taizhou'],
      ['Fuzhou (福州 Fujian and 抚州 Jiangxi)', 'Fuzhou'],
      ['Yiwu (义乌 Zhejiang and 伊吾 Xinjiang: the same pinyin)', 'Yiwu'],
      ['朝阳区 (Beijing and Changchun)', '朝阳区'],
      ['Nanshan District (Shenzhen and others)', 'Nanshan District'],
      ['Gulou (several provinces)', 'Gulou'],
      ['two provinces, bare', 'Guangdong, Xinjiang'],
      ['two provinces, each with its level', 'Guangdong Province, Xinjiang Uyghur Autonomous Region'],
    ])('%s gives nothing', (_scenario, address) => {
      expect(codeOf('CN', address)).toBeUndefined();
    });

    it.each([
      ['Suzhou, Jiangsu', 'CN-JS'],
      ['宿州市, 安徽省', 'CN-AH'],
      ['Chaoyang District, Beijing', 'CN-BJ'],
      ['Nanshan District, Shenzhen', 'CN-GD'],
      ['Taizhou, Zhejiang Province', 'CN-ZJ'],
    ])('%s is decided by the province or city named with it', (address, code) => {
      expect(codeOf('CN', address)).toBe(code);
    });

    it('a province name wins over a same-named prefecture, unless the level says otherwise', () => {
      expect(codeOf('CN', 'Haikou, Hainan')).toBe('CN-HI');
      expect(codeOf('CN', 'Hainan Prefecture')).toBe('CN-QH');
      expect(codeOf('CN', '海南藏族自治州')).toBe('CN-QH');
      expect(codeOf('CN', 'Henan County')).toBe('CN-QH');
      expect(codeOf('CN', '河南省郑州市')).toBe('CN-HA');
    });

    it('Shanxi and Shaanxi stay apart although both are "shan xi" in pinyin', () => {
      expect(codeOf('CN', 'Taiyuan, Shanxi')).toBe('CN-SX');
      expect(codeOf('CN', "Xi'an, Shaanxi")).toBe('CN-SN');
      expect(codeOf('CN', '陕西省西安市')).toBe('CN-SN');
    });

    it('a prefecture-level or major city outranks its smaller namesakes', () => {
      // 南京 and 南靖 county (Fujian), 西安 and the 西安区 districts of Jilin and Heilongjiang: one pinyin each.
      expect(codeOf('CN', 'Nanjing')).toBe('CN-JS');
      expect(codeOf('CN', "Xi'an")).toBe('CN-SN');
      // Jodhpur: a city of a million in Rajasthan, a town of 47,000 in Gujarat.
      expect(codeOf('IN', 'Jodhpur')).toBe('IN-RJ');
      expect(codeOf('VN', 'My Tho')).toBe('VN-46');
    });

    it('namesakes of the same standing need their region', () => {
      expect(codeOf('CN', 'Yiwu, Zhejiang')).toBe('CN-ZJ');
      expect(codeOf('CN', 'Yiwu County, Hami')).toBe('CN-XJ');
      expect(codeOf('CN', 'Baicheng County, Aksu Prefecture')).toBe('CN-XJ');
    });
  });

  describe('China, Latin and Chinese script', () => {
    it.each([
      ['Dongguan, Guangdong', 'CN-GD'],
      ['广东省东莞市长安镇', 'CN-GD'],
      ['廣東省東莞市 (traditional)', 'CN-GD'],
      ['Yiwu, Zhejiang', 'CN-ZJ'],
      ['浙江义乌', 'CN-ZJ'],
      ['Shenzhen', 'CN-GD'],
      ['深圳市南山区', 'CN-GD'],
      ['Pudong New Area, Shanghai', 'CN-SH'],
      ['Tianjin Binhai', 'CN-TJ'],
      ['Chongqing', 'CN-CQ'],
      ['Hohhot', 'CN-NM'],
      ['Inner Mongolia', 'CN-NM'],
      ['内蒙古自治区鄂尔多斯市', 'CN-NM'],
      ['Lhasa, Tibet', 'CN-XZ'],
      ['Ningxia Hui Autonomous Region', 'CN-NX'],
      ['Guangxi Zhuang Autonomous Region', 'CN-GX'],
      ['Kunming, Yunnan', 'CN-YN'],
      ['Chengdu', 'CN-SC'],
      ['Harbin', 'CN-HL'],
      ['Xiamen', 'CN-FJ'],
      ['Amoy', 'CN-FJ'],
      ['Canton', 'CN-GD'],
      ['Urumqi乌鲁木齐 (mixed scripts)', 'CN-XJ'],
      ['ＧＵＡＮＧＺＨＯＵ (full-width)', 'CN-GD'],
    ])('%s', (address, code) => {
      expect(codeOf('CN', address.replace(/ \(.*\)$/, ''))).toBe(code);
    });

    it('knows every province-level division, in Chinese and in English', () => {
      for (const line of GAZETTEER.CN.regions) {
        const [code, english] = line.split('|');
        expect(codeOf('CN', english)).toBe(code);
      }
      expect(GAZETTEER.CN.regions).toHaveLength(31);
      for (const name of [
        '北京市',
        '天津市',
        '上海市',
        '重庆市',
        '河北省',
        '广西壮族自治区',
        '西藏自治区',
        '宁夏回族自治区',
      ]) {
        expect(codeOf('CN', name)).toBeDefined();
      }
    });
  });

  describe('India', () => {
    it.each([
      ['Tiruppur, Tamil Nadu', 'IN-TN'],
      ['Tiruppur', 'IN-TN'],
      ['Plot 12, SIPCOT, Chennai 600 001', 'IN-TN'],
      ['Madras', 'IN-TN'],
      ['Bombay', 'IN-MH'],
      ['Mumbai, Maharashtra', 'IN-MH'],
      ['Ludhiana, Punjab', 'IN-PB'],
      ['Panipat, Haryana', 'IN-HR'],
      ['Gurgaon', 'IN-HR'],
      ['Bengaluru', 'IN-KA'],
      ['Bangalore', 'IN-KA'],
      ['Hyderabad', 'IN-TS'],
      ['Telangana', 'IN-TS'],
      ['Orissa', 'IN-OD'],
      ['Kolkata, West Bengal', 'IN-WB'],
      ['New Delhi', 'IN-DL'],
      ['Moradabad, UP', 'IN-UP'],
      ['Surat, Gujarat State', 'IN-GJ'],
    ])('%s', (address, code) => {
      expect(codeOf('IN', address)).toBe(code);
    });

    it('returns the CLDR English name and the ISO code', () => {
      expect(sut(makeInput({ country: 'IN', address: 'Tiruppur, Tamil Nadu' }))).toEqual({
        region: 'Tamil Nadu',
        code: 'IN-TN',
        from: 'address',
        matched: 'Tamil Nadu',
      });
    });
  });

  describe('Viet Nam', () => {
    it.each([
      ['Thủ Dầu Một, Bình Dương', 'VN-57'],
      ['KCN VSIP, Thuan An, Binh Duong Province', 'VN-57'],
      ['Tỉnh Bình Dương', 'VN-57'],
      ['BinhDuong', 'VN-57'],
      ['Biên Hòa, Đồng Nai', 'VN-39'],
      ['Quận 1, TP.HCM', 'VN-SG'],
      ['Ho Chi Minh City', 'VN-SG'],
      ['Thành phố Hồ Chí Minh', 'VN-SG'],
      ['Saigon', 'VN-SG'],
      ['Hà Nội', 'VN-HN'],
      ['Hanoi', 'VN-HN'],
      ['Hai Phong', 'VN-HP'],
      ['Bắc Ninh', 'VN-56'],
      ['Nam Định', 'VN-67'],
      ['Đường Bình Dương, Hà Nội', 'VN-HN'],
    ])('%s', (address, code) => {
      expect(codeOf('VN', address)).toBe(code);
    });

    it('keeps the Vietnamese spelling of the region', () => {
      expect(sut(makeInput({ country: 'VN', address: 'Binh Duong' }))?.region).toBe('Bình Dương');
    });
  });

  describe('Bangladesh', () => {
    it.each([
      ['Gazipur, Dhaka', 'BD-C'],
      ['Savar, Dhaka Division', 'BD-C'],
      ['Narayanganj', 'BD-C'],
      ['Ashulia, Dhaka', 'BD-C'],
      ['Chattogram EPZ', 'BD-B'],
      ['Chittagong', 'BD-B'],
      ['Cumilla', 'BD-B'],
      ['Comilla', 'BD-B'],
      ['Khulna', 'BD-D'],
      ['Bogra', 'BD-E'],
      ['Sylhet', 'BD-G'],
      ['Mymensingh', 'BD-H'],
    ])('%s', (address, code) => {
      expect(codeOf('BD', address)).toBe(code);
    });

    it('returns the division', () => {
      expect(sut(makeInput({ country: 'BD', address: 'Gazipur' }))).toMatchObject({
        region: 'Dhaka Division',
        code: 'BD-C',
      });
    });
  });

  describe('Pakistan', () => {
    it.each([
      ['Sialkot, Punjab', 'PK-PB'],
      ['Sialkot', 'PK-PB'],
      ['Faisalabad', 'PK-PB'],
      ['Lahore', 'PK-PB'],
      ['Karachi', 'PK-SD'],
      ['Hyderabad, Sindh', 'PK-SD'],
      ['Peshawar', 'PK-KP'],
      ['NWFP', 'PK-KP'],
      ['Quetta, Balochistan', 'PK-BA'],
      ['Islamabad Capital Territory', 'PK-IS'],
      ['Lahore Road, Sheikhupura, Punjab', 'PK-PB'],
    ])('%s', (address, code) => {
      expect(codeOf('PK', address)).toBe(code);
    });

    it('Punjab is Pakistani or Indian by the country given', () => {
      expect(codeOf('PK', 'Punjab')).toBe('PK-PB');
      expect(codeOf('IN', 'Punjab')).toBe('IN-PB');
    });
  });

  describe('countries', () => {
    it('covers China, India, Viet Nam, Bangladesh and Pakistan', () => {
      expect([...REGION_INFERENCE_COUNTRIES].sort()).toEqual(['BD', 'CN', 'IN', 'PK', 'VN']);
    });

    it.each([
      ['a country not covered', { country: 'DE', address: 'Berlin' }],
      ['a covered place name under another country', { country: 'MY', address: 'Urumqi, Xinjiang' }],
      ['an empty address', { country: 'CN', address: '' }],
      ['no text at all', { country: 'CN' }],
      ['text naming no place', { country: 'CN', address: 'Room 1203, Building B, 88 Industrial Avenue' }],
    ])('gives nothing for %s', (_scenario, input: RegionInput) => {
      expect(sut(input)).toBeUndefined();
    });

    it('accepts the country code in any case', () => {
      expect(sut({ country: ' cn ', address: 'Kashgar' })?.code).toBe('CN-XJ');
    });

    it('does not read the postal code (no dataset maps postal codes to regions)', () => {
      expect(sut(makeInput({ postalCode: '830000' }))).toBeUndefined();
    });
  });

  describe('performance', () => {
    it('builds its lookup tables once: 10,000 inferences take well under a few seconds', () => {
      const addresses = [
        'No. 8 Industrial Park, Kashgar, Xinjiang Uyghur Autonomous Region',
        '广东省东莞市长安镇振安中路88号',
        '88 Urumqi Road, Jing’an District, Shanghai 200040',
        'Room 1203, Building B, 88 Industrial Avenue, Suzhou',
      ];
      const started = performance.now();
      let found = 0;
      for (let i = 0; i < 10_000; i++) {
        found += sut(makeInput({ address: addresses[i % addresses.length] })) ? 1 : 0;
      }
      const elapsed = performance.now() - started;
      expect(found).toBe(7_500);
      // A generous bound: this guards against rebuilding the index per call, not against a slow machine.
      expect(elapsed).toBeLessThan(5_000);
    });
  });
});
