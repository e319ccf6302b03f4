package feed

import (
	"bytes"
	"errors"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Curators' CSV files come as their spreadsheet program saved them: Excel
// in a Chinese Windows saves "CSV" in GB18030 (GBK), "CSV UTF-8" with a
// byte-order mark, and "Unicode text" as tab-separated UTF-16LE with a
// byte-order mark. The encoding is told from the bytes, in that order of
// certainty, and a file none of them fits is refused rather than guessed.

// Names of the encodings a sheet may be read as, as the curator is told.
const (
	encUTF8    = "UTF-8"
	encUTF8BOM = "UTF-8 with byte-order mark"
	encUTF16LE = "UTF-16LE (Unicode text)"
	encUTF16BE = "UTF-16BE (Unicode text)"
	encGB18030 = "GB18030"
)

var errUnknownEncoding = errors.New("the file is not text in an encoding the hall can tell (tried UTF-8, UTF-16 with a byte-order mark and GB18030); save it from Excel as \"CSV UTF-8\" and try again")

// decodeSheetText turns the bytes of a CSV file into UTF-8 text and says
// which encoding it was read as.
func decodeSheetText(b []byte) (text []byte, enc string, err error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		if !utf8.Valid(b[3:]) {
			return nil, "", errors.New("the file starts as UTF-8 (with a byte-order mark) but is not valid UTF-8 further on; save it again as \"CSV UTF-8\"")
		}
		return b[3:], encUTF8BOM, nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return decodeWith(xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), b, encUTF16LE)
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decodeWith(xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), b, encUTF16BE)
	case utf8.Valid(b):
		return b, encUTF8, nil
	}
	if !looksLikeGB18030(b) {
		return nil, "", errUnknownEncoding
	}
	text, err = simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil || !looksLikeText(text) {
		return nil, "", errUnknownEncoding
	}
	return text, encGB18030, nil
}

func decodeWith(e encoding.Encoding, b []byte, name string) ([]byte, string, error) {
	text, err := e.NewDecoder().Bytes(b)
	// A broken character would come out as U+FFFD, quietly losing it.
	if err != nil || bytes.ContainsRune(text, utf8.RuneError) {
		return nil, "", errors.New("the file starts with a UTF-16 byte-order mark but is not readable as UTF-16; save it again as \"Unicode text\" or \"CSV UTF-8\"")
	}
	return text, name, nil
}

// looksLikeText says whether decoded bytes are text a person typed: no
// replacement characters for undecodable bytes, no control characters but
// tab and line ends, and some Chinese (a GB18030 file without any would
// have been plain ASCII, hence UTF-8).
func looksLikeText(b []byte) bool {
	han := false
	for _, r := range string(b) {
		switch {
		case r == utf8.RuneError:
			return false
		case r == '\t' || r == '\r' || r == '\n':
		case unicode.IsControl(r):
			return false
		case unicode.Is(unicode.Han, r):
			han = true
		}
	}
	return han
}

// looksLikeGB18030 checks that the double-byte characters of the file are
// mostly from GB2312, the common set (lead and trail bytes 0xA1-0xFE) that
// nearly every character of Chinese text falls in. Text in other East Asian
// encodings, such as Japanese Shift-JIS, also decodes as GB18030 but into
// rare characters outside that set, and is refused here.
func looksLikeGB18030(b []byte) bool {
	common, all := 0, 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < 0x80 {
			continue
		}
		if i+1 >= len(b) {
			return false
		}
		all++
		if d := b[i+1]; d >= 0x30 && d <= 0x39 {
			i += 3 // a four-byte sequence: rare characters
			continue
		}
		if c >= 0xA1 && c <= 0xFE && b[i+1] >= 0xA1 && b[i+1] <= 0xFE {
			common++
		}
		i++
	}
	return all > 0 && common*2 >= all
}
