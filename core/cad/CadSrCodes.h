#pragma once
// Coded concepts of the Mammography CAD SR templates (DICOM PS3.16 TID 4000,
// 1204, 4001, 4003, 4006, 4015, 4017, 4019, 4020, 4021; context groups 6014,
// 6022/6023, 6034, 6042, 6047) shared by the SR writer and reader.

namespace mammo::core::cad::codes {

struct Code {
    const char* value;
    const char* scheme;
    const char* meaning;
};

// SOP Classes
inline constexpr const char* kMammographyCadSrStorage = "1.2.840.10008.5.1.4.1.1.88.50";
inline constexpr const char* kSrSopClassPrefix = "1.2.840.10008.5.1.4.1.1.88.";

// Concept names
inline constexpr Code kMammographyCadReport{"111036", "DCM", "Mammography CAD Report"};
inline constexpr Code kLanguageOfContent{"121049", "DCM", "Language of Content Item and Descendants"};
inline constexpr Code kImageLibrary{"111028", "DCM", "Image Library"};
inline constexpr Code kImageLaterality{"111027", "DCM", "Image Laterality"};
inline constexpr Code kImageView{"111031", "DCM", "Image View"};
inline constexpr Code kPatientOrientationRow{"111044", "DCM", "Patient Orientation Row"};
inline constexpr Code kPatientOrientationColumn{"111043", "DCM", "Patient Orientation Column"};
inline constexpr Code kStudyDate{"111060", "DCM", "Study Date"};
inline constexpr Code kStudyTime{"111061", "DCM", "Study Time"};
inline constexpr Code kContentDate{"111018", "DCM", "Content Date"};
inline constexpr Code kContentTime{"111019", "DCM", "Content Time"};
inline constexpr Code kHorizontalPixelSpacing{"111026", "DCM", "Horizontal Pixel Spacing"};
inline constexpr Code kVerticalPixelSpacing{"111066", "DCM", "Vertical Pixel Spacing"};
inline constexpr Code kCadProcessingAndFindingsSummary{"111017", "DCM", "CAD Processing and Findings Summary"};
inline constexpr Code kIndividualImpression{"111034", "DCM", "Individual Impression/Recommendation"};
inline constexpr Code kRenderingIntent{"111056", "DCM", "Rendering Intent"};
inline constexpr Code kSingleImageFinding{"111059", "DCM", "Single Image Finding"};
inline constexpr Code kCompositeFeature{"111015", "DCM", "Composite Feature"};
inline constexpr Code kAlgorithmName{"111001", "DCM", "Algorithm Name"};
inline constexpr Code kAlgorithmVersion{"111003", "DCM", "Algorithm Version"};
inline constexpr Code kCertaintyOfFinding{"111012", "DCM", "Certainty of Finding"};
inline constexpr Code kProbabilityOfCancer{"111047", "DCM", "Probability of cancer"};
inline constexpr Code kCenter{"111010", "DCM", "Center"};
inline constexpr Code kOutline{"111041", "DCM", "Outline"};
inline constexpr Code kSummaryOfDetections{"111064", "DCM", "Summary of Detections"};
inline constexpr Code kSummaryOfAnalyses{"111065", "DCM", "Summary of Analyses"};
inline constexpr Code kSuccessfulDetections{"111063", "DCM", "Successful Detections"};
inline constexpr Code kDetectionPerformed{"111022", "DCM", "Detection Performed"};

// Values
inline constexpr Code kEnglish{"en", "RFC5646", "English"};
inline constexpr Code kMass{"4147007", "SCT", "Mass"};                      // CID 6014 (via 6015)
inline constexpr Code kRightBreast{"73056007", "SCT", "Right breast"};      // CID 6022 (via 6023)
inline constexpr Code kLeftBreast{"80248007", "SCT", "Left breast"};
inline constexpr Code kBothBreasts{"63762007", "SCT", "Both breasts"};
inline constexpr Code kPresentationRequired{"111150", "DCM", "Presentation Required: Rendering device is expected to present"};
inline constexpr Code kPresentationOptional{"111151", "DCM", "Presentation Optional: Rendering device may present"};
inline constexpr Code kNotForPresentation{"111152", "DCM", "Not for Presentation: Rendering device expected not to present"};
inline constexpr Code kSucceeded{"111222", "DCM", "Succeeded"};
inline constexpr Code kNotAttempted{"111225", "DCM", "Not Attempted"};
inline constexpr Code kAllSucceededWithFindings{"111242", "DCM", "All algorithms succeeded; with findings"};
inline constexpr Code kAllSucceededWithoutFindings{"111241", "DCM", "All algorithms succeeded; without findings"};

// Units (UCUM)
inline constexpr Code kPercent{"%", "UCUM", "Percent"};
inline constexpr Code kMillimeter{"mm", "UCUM", "millimeter"};

} // namespace mammo::core::cad::codes
