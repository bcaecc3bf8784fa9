// The rules layer's private model (a stand-in).
