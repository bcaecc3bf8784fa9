// A stand-in private header of the caseload layer.
